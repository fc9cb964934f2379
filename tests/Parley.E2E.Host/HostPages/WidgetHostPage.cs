using System.Net;
using System.Text.Json;

namespace Parley.E2E.Host.HostPages;

/// <summary>
/// A shop page that embeds the copilot, as a customer site would: it registers a host function
/// (getCartTotal), a custom element component (Card), and a button that sends a message into the
/// chat. The widget handle is <c>window.widget</c>; calls of getCartTotal are in <c>window.__hostCalls</c>.
/// </summary>
public static class WidgetHostPage
{
    /// <summary>Styles that would wreck an unprotected widget: every rule targets what the widget uses.</summary>
    public const string HostileCss = """
        html { font-size: 40px !important; }
        * { color: rgb(255, 0, 0) !important; font-family: "Comic Sans MS", cursive !important; line-height: 3 !important; box-sizing: content-box !important; letter-spacing: 4px !important; }
        div, section, parley-copilot, [data-parley-widget] { display: none !important; opacity: 0 !important; }
        button { background: rgb(0, 255, 0) !important; border: 9px solid rgb(255, 0, 255) !important; }
        .copilot-button, .copilot-panel, .message, .composer-input, .parley-root { display: none !important; }
        :root { --accent: rgb(255, 0, 0); --bg: rgb(0, 0, 0); --fg: rgb(255, 0, 0); }
        """;

    public static string Render(WidgetPageOptions options)
    {
        var config = new Dictionary<string, object?>
        {
            ["server"] = options.ServerUrl,
            ["mode"] = options.Mode,
            ["title"] = "Shop assistant",
            ["persistThread"] = options.PersistThread,
        };
        if (options.InitialToken is not null)
        {
            config["accessToken"] = options.InitialToken;
        }
        var configJson = JsonSerializer.Serialize(config).Replace("</", "<\\/", StringComparison.Ordinal);
        var tokenUrl = JsonSerializer.Serialize(options.TokenUrl);
        return $$"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>Acme Outdoor Shop</title>
              <style>
                body { margin: 0; font-family: Georgia, 'DejaVu Serif', serif; font-size: 16px; background: #f4efe6; color: #2b2118; }
                .shop-header { padding: 18px 32px; background: #2f4f3a; color: #fff; }
                .shop-header h1 { margin: 0; font-size: 26px; }
                .shop { padding: 24px 32px; display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 18px; }
                .product { padding: 16px; background: #fff; border-radius: 8px; box-shadow: 0 1px 4px rgb(0 0 0 / 0.15); }
                .product h2 { margin: 0 0 8px; font-size: 18px; }
                #ask-host { margin: 0 32px; padding: 8px 14px; }
              </style>
              {{(options.Hostile ? $"<style id=\"hostile\">{HostileCss}</style>" : "")}}
            </head>
            <body>
              <header class="shop-header"><h1>Acme Outdoor Shop</h1></header>
              <p id="probe" class="message-author muted">Your cart: 3 items</p>
              <main class="shop">
                <article class="product"><h2>Trail tent</h2><p>Two people, 1.9 kg. 249 €</p></article>
                <article class="product"><h2>Down jacket</h2><p>Warm to -10 °C. 189 €</p></article>
                <article class="product"><h2>Headlamp</h2><p>400 lumens. 39 €</p></article>
              </main>
              <button type="button" id="ask-host">Ask the assistant about my cart</button>
              <script src="{{WebUtility.HtmlEncode(options.ScriptUrl)}}"></script>
              <script>
                window.__hostCalls = [];
                window.__tokenFetches = 0;
                const options = {{configJson}};
                const tokenUrl = {{tokenUrl}};
                if (tokenUrl) {
                  options.getAccessToken = async () => {
                    window.__tokenFetches++;
                    const response = await fetch(tokenUrl, { cache: 'no-store' });
                    return response.ok ? await response.text() : null;
                  };
                }
                options.hostFunctions = {
                  getCartTotal: (args) => {
                    window.__hostCalls.push(args);
                    return { amount: 42.5, currency: args.currency };
                  },
                };
                const h = window.ParleyCopilot.React.createElement;
                options.customElements = {
                  Card: ({ props }) => h('div', { className: 'card', 'data-testid': 'custom-card' }, h('strong', null, props.title), ' ' + props.temperature + ' °C'),
                };
                window.widget = window.mountParleyWidget(options);
                document.getElementById('ask-host').addEventListener('click', () => {
                  window.__sendResult = window.widget.sendMessage('total').then(() => 'sent', (error) => 'failed: ' + error.message);
                });
              </script>
            </body>
            </html>
            """;
    }
}
