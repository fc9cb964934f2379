using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Parley.Chat;

// A host with deterministic handlers for process-level and browser tests:
// "stream N D" streams N tokens D ms apart; anything else is echoed.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddParley();
builder.Services.AddDataProtection().PersistKeysToParleyDatabase();

var app = builder.Build();
app.MapParley("/", chat => chat
    .Starters(new Starter("Say hello", "hello"))
    .OnMessage(async (message, ctx, ct) =>
    {
        var parts = message.Content.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts is ["stream", var count, var delay])
        {
            var reply = await ctx.StartMessageAsync(cancellationToken: ct);
            for (var i = 0; i < int.Parse(count, CultureInfo.InvariantCulture); i++)
            {
                await reply.StreamTokenAsync($"w{i} ", ct);
                await Task.Delay(int.Parse(delay, CultureInfo.InvariantCulture), ct);
            }
            await reply.FinishAsync(cancellationToken: ct);
            return;
        }
        await ctx.SendMessageAsync($"Echo: {message.Content}", cancellationToken: ct);
    }));
app.Run();
