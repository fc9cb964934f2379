using System.Globalization;

namespace Parley.LoadTest;

/// <summary>What to run; <see cref="Parse"/> reads the command line (see <see cref="Usage"/>).</summary>
internal sealed class BenchOptions
{
    public const string Usage = """
        Parley.LoadTest: streamed-chat load against Parley and a raw WebSocket baseline, on 127.0.0.1.

        run [options]
          --quick                  tiny N for every scenario (a smoke run of seconds)
          --scenarios LIST         w1,idle,long (default: all)
          --sessions LIST          W1 session counts N (default 1,100,1000)
          --messages M             W1 messages per session (default 5)
          --tokens K               W1 tokens per reply (default 100)
          --idle LIST              idle session counts (default 1000,10000)
          --long-tokens K          tokens of the long stream (default 100000)
          --time-limit SECONDS     bound of each measured phase (default 60; idle connect: twice that)
          --flush-interval MS      Parley's StreamFlushInterval (default: Parley's own)
          --parley-server DLL      default: bench/Parley.BenchServer/bin/Release/net10.0/Parley.BenchServer.dll
          --baseline-server DLL    default: bench/Parley.BaselineServer/bin/Release/net10.0/Parley.BaselineServer.dll
          --doc FILE               splice the report into FILE (between its load markers)
          --json FILE              also write the raw results as JSON

        splice --doc FILE --section NAME --from FRAGMENT
          replaces the generated section NAME of FILE with FRAGMENT (creates FILE if missing)

        micro-report --doc FILE --results DIR [--command TEXT] [--job NAME] [--seconds S]
          writes BenchmarkDotNet's GitHub reports in DIR as the micro section of FILE
        """;

    public bool Quick { get; private set; }
    public HashSet<string> Scenarios { get; private set; } = ["w1", "idle", "long"];
    public int[] Sessions { get; private set; } = [1, 100, 1000];
    public int Messages { get; private set; } = 5;
    public int Tokens { get; private set; } = 100;
    public int[] IdleSessions { get; private set; } = [1_000, 10_000];
    public int LongTokens { get; private set; } = 100_000;
    public TimeSpan TimeLimit { get; private set; } = TimeSpan.FromSeconds(60);
    public TimeSpan IdleHold { get; private set; } = TimeSpan.FromSeconds(3);
    public double? FlushIntervalMs { get; private set; }
    public string ParleyServerDll { get; private set; } = "";
    public string BaselineServerDll { get; private set; } = "";
    public string? Doc { get; private set; }
    public string? Json { get; private set; }
    public string RepositoryRoot { get; private set; } = "";

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions { RepositoryRoot = FindRepositoryRoot() };
        var explicitSessions = false;
        var explicitIdle = false;
        var explicitLong = false;
        var explicitMessages = false;
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--quick":
                    options.Quick = true;
                    break;
                case "--scenarios":
                    options.Scenarios = [.. Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
                    break;
                case "--sessions":
                    options.Sessions = Ints(Next());
                    explicitSessions = true;
                    break;
                case "--messages":
                    options.Messages = Int(Next());
                    explicitMessages = true;
                    break;
                case "--tokens":
                    options.Tokens = Int(Next());
                    break;
                case "--idle":
                    options.IdleSessions = Ints(Next());
                    explicitIdle = true;
                    break;
                case "--long-tokens":
                    options.LongTokens = Int(Next());
                    explicitLong = true;
                    break;
                case "--time-limit":
                    options.TimeLimit = TimeSpan.FromSeconds(Int(Next()));
                    break;
                case "--flush-interval":
                    options.FlushIntervalMs = double.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--parley-server":
                    options.ParleyServerDll = Path.GetFullPath(Next());
                    break;
                case "--baseline-server":
                    options.BaselineServerDll = Path.GetFullPath(Next());
                    break;
                case "--doc":
                    options.Doc = Path.GetFullPath(Next());
                    break;
                case "--json":
                    options.Json = Path.GetFullPath(Next());
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }
        if (options.Quick)
        {
            options.Sessions = explicitSessions ? options.Sessions : [1, 10];
            options.Messages = explicitMessages ? options.Messages : 2;
            options.IdleSessions = explicitIdle ? options.IdleSessions : [50];
            options.LongTokens = explicitLong ? options.LongTokens : 10_000;
            options.TimeLimit = TimeSpan.FromSeconds(Math.Min(options.TimeLimit.TotalSeconds, 20));
            options.IdleHold = TimeSpan.FromSeconds(1);
        }
        foreach (var n in options.Sessions.Concat(options.IdleSessions))
        {
            if (n is < 1 or > 20_000)
            {
                throw new ArgumentException("Session counts go from 1 to 20,000 (file descriptors and loopback ports bound the rest).");
            }
        }
        if (options.Messages is < 1 or > 1000 || options.Tokens is < 1 or > 1_000_000 || options.LongTokens is < 1 or > 1_000_000)
        {
            throw new ArgumentException("--messages goes up to 1,000 and token counts up to 1,000,000.");
        }
        var bench = Path.Combine(options.RepositoryRoot, "bench");
        if (options.ParleyServerDll.Length == 0)
        {
            options.ParleyServerDll = Path.Combine(bench, "Parley.BenchServer", "bin", "Release", "net10.0", "Parley.BenchServer.dll");
        }
        if (options.BaselineServerDll.Length == 0)
        {
            options.BaselineServerDll = Path.Combine(bench, "Parley.BaselineServer", "bin", "Release", "net10.0", "Parley.BaselineServer.dll");
        }
        return options;
    }

    private static int Int(string text) => int.Parse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture);

    private static int[] Ints(string list) => [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Int)];

    private static string FindRepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Parley.slnx")))
                {
                    return dir.FullName;
                }
            }
        }
        return Directory.GetCurrentDirectory();
    }
}
