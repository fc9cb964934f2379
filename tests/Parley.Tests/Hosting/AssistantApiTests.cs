using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Parley.Tests.Infrastructure;
using AssistantDto = Parley.Tests.Hosting.AssistantApp.AssistantDto;

namespace Parley.Tests.Hosting;

/// <summary>
/// The assistant app's <c>/api/assistants</c> (list, create or replace by name, delete), over HTTP
/// against the running sample. One app serves the class; every test signs up users of its own.
/// </summary>
public sealed class AssistantApiTests(AssistantApiTests.SharedApp shared) : IClassFixture<AssistantApiTests.SharedApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_user_has_the_built_in_assistant_only()
    {
        using var user = await shared.NewUserAsync();

        var assistants = await ListAsync(user);

        var builtIn = Assert.Single(assistants);
        Assert.Equal("Assistant", builtIn.Name);
        Assert.False(string.IsNullOrWhiteSpace(builtIn.Instructions));
        Assert.Null(builtIn.Model);
    }

    [Fact]
    public async Task Put_creates_an_assistant_a_second_put_replaces_it_and_delete_removes_it()
    {
        using var user = await shared.NewUserAsync();

        using var created = await PutAsync(user, "Chef", "You are a chef.", "chef-model");
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(new AssistantDto("Chef", "You are a chef.", "chef-model"), await created.Content.ReadFromJsonAsync<AssistantDto>(Ct));
        Assert.Equal(["Assistant", "Chef"], (await ListAsync(user)).Select(a => a.Name));

        using var replaced = await PutAsync(user, "Chef", "You are a pastry chef.", null);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var afterReplace = await ListAsync(user);
        Assert.Equal(["Assistant", "Chef"], afterReplace.Select(a => a.Name));
        Assert.Equal(new AssistantDto("Chef", "You are a pastry chef.", null), afterReplace[1]);

        using var deleted = await user.Http.DeleteAsync("api/assistants/Chef", Ct);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(["Assistant"], (await ListAsync(user)).Select(a => a.Name));

        using var again = await user.Http.DeleteAsync("api/assistants/Chef", Ct);
        Assert.Contains("not found", await ProblemAsync(again, HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task The_built_in_assistant_can_be_replaced_and_comes_back_when_every_assistant_is_deleted()
    {
        using var user = await shared.NewUserAsync();
        var builtIn = Assert.Single(await ListAsync(user));

        using var _ = await PutAsync(user, "Assistant", "Answer in French.", null);
        Assert.Equal("Answer in French.", Assert.Single(await ListAsync(user)).Instructions);

        using var deleted = await user.Http.DeleteAsync("api/assistants/Assistant", Ct);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(builtIn, Assert.Single(await ListAsync(user)));
    }

    [Theory]
    [InlineData(" ", "name")]
    [InlineData("\u200b", "name")]
    [InlineData(" Padded", "space")]
    [InlineData("Two\nlines", "control")]
    [InlineData("a/b", "/")]
    [InlineData("../../config", "/")]
    public async Task A_name_that_is_empty_padded_or_holds_a_slash_or_control_character_is_refused(string name, string explanation)
    {
        using var user = await shared.NewUserAsync();

        using var response = await PutAsync(user, name, "Hi.", null);

        Assert.Contains(explanation, await ProblemAsync(response, HttpStatusCode.BadRequest), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["Assistant"], (await ListAsync(user)).Select(a => a.Name));
    }

    [Fact]
    public async Task Names_and_instructions_are_limited_in_length_with_a_message_that_says_so()
    {
        using var user = await shared.NewUserAsync();

        using var longest = await PutAsync(user, new string('n', 60), new string('i', 8000), null);
        Assert.Equal(HttpStatusCode.OK, longest.StatusCode);
        using var nameTooLong = await PutAsync(user, new string('n', 61), "Hi.", null);
        Assert.Contains("60 characters", await ProblemAsync(nameTooLong, HttpStatusCode.BadRequest));
        using var instructionsTooLong = await PutAsync(user, "Verbose", new string('i', 8001), null);
        Assert.Contains("8000 characters", await ProblemAsync(instructionsTooLong, HttpStatusCode.BadRequest));
        using var modelTooLong = await PutAsync(user, "Modelled", "Hi.", new string('m', 101));
        Assert.Contains("100 characters", await ProblemAsync(modelTooLong, HttpStatusCode.BadRequest));

        Assert.Equal(["Assistant", new string('n', 60)], (await ListAsync(user)).Select(a => a.Name));
    }

    [Fact]
    public async Task A_put_without_a_json_body_is_refused_with_a_problem_that_says_what_to_send()
    {
        using var user = await shared.NewUserAsync();

        using var empty = await user.Http.PutAsync("api/assistants/Empty", null, Ct);
        Assert.Contains("JSON", await ProblemAsync(empty, HttpStatusCode.BadRequest));
        using var broken = await user.Http.PutAsync("api/assistants/Broken", new StringContent("{", Encoding.UTF8, "application/json"), Ct);
        Assert.Contains("JSON", await ProblemAsync(broken, HttpStatusCode.BadRequest));

        Assert.Equal(["Assistant"], (await ListAsync(user)).Select(a => a.Name));
    }

    [Fact]
    public async Task A_user_has_at_most_fifty_assistants_but_may_still_replace_one_at_the_limit()
    {
        using var user = await shared.NewUserAsync();
        // The built-in assistant counts: it is saved with the first one the user adds.
        for (var i = 1; i < 50; i++)
        {
            using var put = await PutAsync(user, $"Helper {i:00}", "Help.", null);
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }
        Assert.Equal(50, (await ListAsync(user)).Count);

        using var tooMany = await PutAsync(user, "One too many", "Help.", null);
        Assert.Contains("At most 50", await ProblemAsync(tooMany, HttpStatusCode.BadRequest));

        using var replace = await PutAsync(user, "Helper 07", "Help more.", null);
        Assert.Equal(HttpStatusCode.OK, replace.StatusCode);
        var all = await ListAsync(user);
        Assert.Equal(50, all.Count);
        Assert.DoesNotContain(all, a => a.Name == "One too many");
        Assert.Equal("Help more.", all.Single(a => a.Name == "Helper 07").Instructions);
    }

    [Fact]
    public async Task Requests_that_are_not_signed_in_get_401()
    {
        using var user = await shared.NewUserAsync();
        using var _ = await PutAsync(user, "Mine", "Hi.", null);
        using var anonymous = await shared.App.AnonymousAsync();

        using var list = await anonymous.Http.GetAsync("api/assistants", Ct);
        using var put = await PutAsync(anonymous, "Mine", "Hijacked.", null);
        using var delete = await anonymous.Http.DeleteAsync("api/assistants/Mine", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, put.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, delete.StatusCode);
        Assert.Equal("Hi.", (await ListAsync(user)).Single(a => a.Name == "Mine").Instructions);
    }

    [Fact]
    public async Task A_change_without_the_antiforgery_header_or_with_the_token_from_before_sign_in_is_refused()
    {
        // Signs up with the token the config gave, and keeps sending that one: it was bound to
        // nobody, the session is bound to the new user.
        using var user = await shared.App.AnonymousAsync();
        using var register = await user.Http.PostAsJsonAsync("api/auth/register", new { username = shared.NextUsername(), password = AssistantApp.UserPassword }, Ct);
        Assert.Equal(HttpStatusCode.Created, register.StatusCode);
        using var stale = await PutAsync(user, "Forged", "Forged.", null);
        Assert.Contains("X-Parley-CSRF", await ProblemAsync(stale, HttpStatusCode.BadRequest));
        user.UseAntiforgery((await register.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("antiforgery"));
        using var _ = await PutAsync(user, "Kept", "Hi.", null);
        // The same session cookie, as a cross-site form or script would send it, without the header.
        using var noHeader = new HttpClient(new HttpClientHandler { CookieContainer = user.Cookies }) { BaseAddress = shared.App.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        using var put = await noHeader.PutAsJsonAsync("api/assistants/Forged", new { instructions = "Forged." }, Ct);
        using var delete = await noHeader.DeleteAsync("api/assistants/Kept", Ct);

        Assert.Contains("X-Parley-CSRF", await ProblemAsync(put, HttpStatusCode.BadRequest));
        Assert.Contains("X-Parley-CSRF", await ProblemAsync(delete, HttpStatusCode.BadRequest));
        Assert.Equal(["Assistant", "Kept"], (await ListAsync(user)).Select(a => a.Name));
    }

    [Fact]
    public async Task A_user_neither_sees_nor_deletes_nor_overwrites_another_users_assistants()
    {
        using var alice = await shared.NewUserAsync();
        using var bob = await shared.NewUserAsync();
        using var _ = await PutAsync(alice, "Secret", "Alice's secret instructions.", "alice-model");

        Assert.DoesNotContain(await ListAsync(bob), a => a.Name == "Secret");
        using var delete = await bob.Http.DeleteAsync("api/assistants/Secret", Ct);
        await ProblemAsync(delete, HttpStatusCode.NotFound);
        using var put = await PutAsync(bob, "Secret", "Bob's own.", null);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        Assert.Equal(new AssistantDto("Secret", "Alice's secret instructions.", "alice-model"), (await ListAsync(alice)).Single(a => a.Name == "Secret"));
        Assert.Equal(new AssistantDto("Secret", "Bob's own.", null), (await ListAsync(bob)).Single(a => a.Name == "Secret"));
    }

    [Theory]
    [InlineData("Café ☕ 助手")]
    [InlineData("100% sure?")]
    [InlineData("Dots... and #hash & more")]
    public async Task A_name_with_spaces_unicode_and_url_characters_round_trips(string name)
    {
        using var user = await shared.NewUserAsync();

        using var put = await PutAsync(user, name, "Hi.", null);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(name, (await put.Content.ReadFromJsonAsync<AssistantDto>(Ct))!.Name);
        Assert.Equal(["Assistant", name], (await ListAsync(user)).Select(a => a.Name));

        using var delete = await user.Http.DeleteAsync("api/assistants/" + Uri.EscapeDataString(name), Ct);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(["Assistant"], (await ListAsync(user)).Select(a => a.Name));
    }

    [Fact]
    public async Task A_dot_segment_name_never_reaches_another_endpoint_or_creates_an_assistant()
    {
        using var user = await shared.NewUserAsync();

        using var dots = await PutAsync(user, "..", "Hi.", null);
        using var encodedDots = await user.Http.PutAsJsonAsync("api/assistants/%2E%2E", new { instructions = "Hi." }, Ct);

        Assert.False(dots.IsSuccessStatusCode);
        Assert.False(encodedDots.IsSuccessStatusCode);
        Assert.Equal(["Assistant"], (await ListAsync(user)).Select(a => a.Name));
    }

    [Fact]
    public async Task Concurrent_puts_of_different_assistants_by_one_user_all_survive()
    {
        using var user = await shared.NewUserAsync();
        var names = Enumerable.Range(0, 20).Select(i => $"Parallel {i:00}").ToList();

        var responses = await Task.WhenAll(names.Select(name => PutAsync(user, name, $"I am {name}.", null))).WaitAsync(TimeSpan.FromSeconds(60), Ct);
        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            response.Dispose();
        }

        var saved = await ListAsync(user);
        Assert.Equal(["Assistant", .. names], saved.Select(a => a.Name).Order(StringComparer.Ordinal));
        Assert.All(saved.Skip(1), a => Assert.Equal($"I am {a.Name}.", a.Instructions));
    }

    private static Task<HttpResponseMessage> PutAsync(ApiClient user, string name, string instructions, string? model) =>
        user.Http.PutAsJsonAsync("api/assistants/" + Uri.EscapeDataString(name), new { instructions, model }, Ct);

    private static async Task<List<AssistantDto>> ListAsync(ApiClient user) =>
        (await user.Http.GetFromJsonAsync<List<AssistantDto>>("api/assistants", Ct))!;

    /// <summary>Checks the answer is an RFC 7807 problem with <paramref name="status"/> and returns its detail.</summary>
    private static async Task<string> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem.GetProperty("detail").GetString()!;
    }

    /// <summary>The app the class shares: open registration, so each test signs up users of its own.</summary>
    public sealed class SharedApp : IAsyncLifetime
    {
        private int _users;
        private AssistantApp? _app;

        internal AssistantApp App => _app ?? throw new InvalidOperationException("Not started.");

        internal string NextUsername() => $"user{Interlocked.Increment(ref _users)}";

        internal Task<ApiClient> NewUserAsync() => App.RegisterAsync(NextUsername());

        public async ValueTask InitializeAsync() =>
            _app = await AssistantApp.StartAsync(settings: new Dictionary<string, string>
            {
                ["Parley__Auth__Accounts__Registration"] = "Open",
                // Every test signs up from 127.0.0.1: more than the default allows a client.
                ["Parley__Auth__Login__AttemptsPerClient"] = "1000",
            });

        public async ValueTask DisposeAsync()
        {
            if (_app is not null)
            {
                await _app.DisposeAsync();
            }
        }
    }
}
