namespace Parley.LoadTest;

/// <summary>
/// Replaces one generated section of a Markdown document, between
/// <c>&lt;!-- generated:NAME:begin --&gt;</c> and <c>&lt;!-- generated:NAME:end --&gt;</c>, and
/// leaves everything else (the hand-written investigations) as it is.
/// </summary>
internal static class DocSplice
{
    /// <summary>The generated sections, in the order a new document gets them.</summary>
    private static readonly string[] Sections = ["load", "micro"];

    public static void Apply(string doc, string section, string content)
    {
        var begin = $"<!-- generated:{section}:begin -->";
        var end = $"<!-- generated:{section}:end -->";
        var block = $"{begin}\n{content.Trim()}\n{end}";
        var text = File.Exists(doc) ? File.ReadAllText(doc).ReplaceLineEndings("\n") : NewDocument();
        var from = text.IndexOf(begin, StringComparison.Ordinal);
        var to = text.IndexOf(end, StringComparison.Ordinal);
        if (from >= 0 && to > from)
        {
            text = text[..from] + block + text[(to + end.Length)..];
        }
        else
        {
            var investigations = text.IndexOf("\n## Investigations", StringComparison.Ordinal);
            text = investigations >= 0
                ? text[..(investigations + 1)] + block + "\n\n" + text[(investigations + 1)..]
                : text.TrimEnd() + "\n\n" + block + "\n";
        }
        Directory.CreateDirectory(Path.GetDirectoryName(doc)!);
        File.WriteAllText(doc, text);
    }

    private static string NewDocument() =>
        "# Performance\n\n"
        + "The generated sections below come from `bench/run.sh` (`bench/run-micro.sh` regenerates the micro-benchmarks alone); see bench/README.md.\n\n"
        + string.Join("\n\n", Sections.Select(s => $"<!-- generated:{s}:begin -->\n<!-- generated:{s}:end -->"))
        + "\n\n## Investigations\n\nHand-maintained: the scripts never touch this section.\n";
}
