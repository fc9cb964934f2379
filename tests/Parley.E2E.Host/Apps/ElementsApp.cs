using System.Text;
using Parley.Chat;
using Parley.E2E.Host.Samples;

namespace Parley.E2E.Host.Apps;

/// <summary>
/// /elements: "all" answers with one element of every type inline; "panels" with a text element
/// for the side panel and a PDF shown as a page. The custom "Card" element has a component
/// (registered by /e2e/elements.js); "Unregistered" has none and shows as JSON.
/// </summary>
public static class ElementsApp
{
    public const string Path = "/elements";

    public static void Configure(ChatHandlerBuilder chat) => chat
        .Starters(new Starter("Every element", "all"), new Starter("Side and page", "panels"))
        .OnMessage(async (message, ctx, ct) =>
        {
            switch (message.Content.Trim())
            {
                case "all":
                    await ctx.SendMessageAsync("Here is one element of every type.", new MessageOptions
                    {
                        Elements =
                        [
                            Element.Image("chart.png", SampleMedia.Png()),
                            Element.Pdf("report.pdf", SampleMedia.Pdf("Quarterly report")),
                            Element.Audio("tone.wav", SampleMedia.Wav()),
                            Element.Video("clip.webm", SampleMedia.WebmHeader(), "video/webm"),
                            Element.Text("notes.txt", "Plain text, shown as is: <b>not bold</b>"),
                            Element.File("data.csv", Encoding.UTF8.GetBytes("city,days\nLisbon,3\nPorto,2\n"), "text/csv"),
                            Element.Custom("Card", new { title = "Lisbon", temperature = 21 }),
                            Element.Custom("Unregistered", new { note = "no component for me" }),
                        ],
                    }, ct);
                    break;
                case "panels":
                    await ctx.SendMessageAsync("Details are in the side panel; the report opens as a page.", new MessageOptions
                    {
                        Elements =
                        [
                            Element.Text("query.sql", "SELECT city, days FROM trips;", language: "sql").WithDisplay(ElementDisplay.Side),
                            Element.Pdf("full-report.pdf", SampleMedia.Pdf("Full report")).WithDisplay(ElementDisplay.Page),
                        ],
                    }, ct);
                    break;
                default:
                    await ctx.SendMessageAsync("Send \"all\" or \"panels\".", cancellationToken: ct);
                    break;
            }
        });
}
