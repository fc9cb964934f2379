using Parley.Assistant;

namespace Parley.Tests.Hosting;

/// <summary>The assistant sample's title rules: what is left of a model's answer, and the fallback from the question.</summary>
public sealed class ConversationTitlesTests
{
    [Theory]
    [InlineData("Capital of France", "Capital of France")]
    [InlineData("\"Capital of France.\"", "Capital of France")]
    [InlineData("“Capital of France”", "Capital of France")]
    [InlineData("'Capital of France'", "Capital of France")]
    [InlineData("\"Capital of France\".", "Capital of France")]
    [InlineData("**Capital of France**", "Capital of France")]
    [InlineData("**Capital of France**.", "Capital of France")]
    [InlineData("# Capital of France", "Capital of France")]
    [InlineData("Capital of France?!", "Capital of France")]
    [InlineData("Capital of France:", "Capital of France")]
    [InlineData("  Capital of France  ", "Capital of France")]
    [InlineData("\n\nCapital of France\nBecause you asked.", "Capital of France")]
    [InlineData("Capital of France\r\nSecond line", "Capital of France")]
    [InlineData("C# tips", "C# tips")]
    [InlineData("Tips for C#", "Tips for C#")]
    [InlineData("## Tips for F#.", "Tips for F#")]
    [InlineData("Node.js vs. Deno", "Node.js vs. Deno")]
    public void Clean_keeps_the_first_line_without_quotes_markup_or_trailing_punctuation(string answer, string title) =>
        Assert.Equal(title, ConversationTitles.Clean(answer));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n  \n")]
    [InlineData("\"\"")]
    [InlineData("...")]
    [InlineData("** **")]
    public void Clean_of_an_answer_with_nothing_left_is_null(string? answer) =>
        Assert.Null(ConversationTitles.Clean(answer));

    [Fact]
    public void Clean_cuts_a_long_title_to_sixty_characters_without_a_trailing_space()
    {
        var title = ConversationTitles.Clean(string.Join(' ', Enumerable.Repeat("word", 30)))!;

        Assert.True(title.Length <= 60, title);
        Assert.StartsWith(title, string.Join(' ', Enumerable.Repeat("word", 30)));
        Assert.Equal(title.TrimEnd(), title);
    }

    [Fact]
    public void Clean_never_cuts_a_character_outside_the_basic_plane_in_half()
    {
        var title = ConversationTitles.Clean(new string('a', 59) + "😀 and more")!;

        Assert.False(char.IsHighSurrogate(title[^1]), "The title ends with half of a surrogate pair.");
        Assert.StartsWith(new string('a', 59), title);
    }

    [Theory]
    [InlineData("What is the capital of France? I forgot it again.", "What is the capital of France")]
    [InlineData("Hi", "Hi")]
    [InlineData("  Explain\n\nstreaming \t to me  ", "Explain streaming to me")]
    [InlineData("\"Quoted question\"", "Quoted question")]
    public void FromQuestion_takes_the_first_six_words_cleaned(string question, string title) =>
        Assert.Equal(title, ConversationTitles.FromQuestion(question));

    [Theory]
    [InlineData("")]
    [InlineData("  \n ")]
    [InlineData("?!")]
    public void FromQuestion_of_a_question_without_words_is_null(string question) =>
        Assert.Null(ConversationTitles.FromQuestion(question));
}
