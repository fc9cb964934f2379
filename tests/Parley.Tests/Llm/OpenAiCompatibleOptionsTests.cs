using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Llm;

namespace Parley.Tests.Llm;

public sealed class OpenAiCompatibleOptionsTests
{
    private static IHost Host(Dictionary<string, string?> settings, Action<IServiceCollection, IConfiguration> register)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        register(builder.Services, builder.Configuration);
        return builder.Build();
    }

    [Theory]
    [InlineData("BaseUrl", "ftp://example.com/v1", "Parley:Llm:BaseUrl must be an absolute http(s) URL")]
    [InlineData("BaseUrl", "localhost:11434/v1", "Parley:Llm:BaseUrl must be an absolute http(s) URL")]
    [InlineData("BaseUrl", "https://user:secret@example.com/v1", "Parley:Llm:BaseUrl must not hold a user name or password")]
    [InlineData("Model", "", "Parley:Llm:Model must name the model")]
    [InlineData("ApiKey", "", "Parley:Llm:ApiKey is required for api.openai.com.")]
    [InlineData("Timeout", "00:00:00.5", "Parley:Llm:Timeout must be between 00:00:01 and 01:00:00.")]
    [InlineData("MaxRetries", "11", "Parley:Llm:MaxRetries must be between 0 and 10.")]
    [InlineData("Temperature", "2.5", "Parley:Llm:Temperature must be between 0 and 2.")]
    [InlineData("ApiKeyHeader", "api key", "Parley:Llm:ApiKeyHeader must be a header name")]
    public async Task A_bad_setting_stops_the_app_at_start_up_naming_the_setting(string setting, string value, string message)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Parley:Llm:BaseUrl"] = "https://api.openai.com/v1",
            ["Parley:Llm:ApiKey"] = "sk-test",
            ["Parley:Llm:Model"] = "gpt-4o-mini",
            [$"Parley:Llm:{setting}"] = value,
        };
        using var host = Host(settings, (services, configuration) => services.AddParleyChatClient(configuration));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken));

        Assert.Contains(error.Failures, f => f.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_local_server_needs_no_key_and_valid_settings_give_an_openai_compatible_client()
    {
        var settings = new Dictionary<string, string?> { ["Parley:Llm:BaseUrl"] = "http://localhost:11434/v1", ["Parley:Llm:Model"] = "llama3.2" };
        using var host = Host(settings, (services, configuration) => services.AddParleyChatClient(configuration));

        var client = host.Services.GetRequiredService<IChatClient>();

        Assert.IsType<OpenAiCompatibleChatClient>(client);
        Assert.False(client.IsDemo());
        Assert.Equal("llama3.2", client.GetService<ChatClientMetadata>()!.DefaultModelId);
    }

    [Fact]
    public void Without_settings_the_demo_model_is_registered()
    {
        using var host = Host([], (services, configuration) => services.AddParleyChatClient(configuration));

        Assert.True(host.Services.GetRequiredService<IChatClient>().IsDemo());
    }

    [Fact]
    public async Task Settings_from_code_are_validated_with_the_same_messages()
    {
        using var host = Host([], (services, _) => services.AddParleyOpenAiChatClient(o => o.BaseUrl = "http://localhost:1234/v1"));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken));

        Assert.Equal(["Parley:Llm:Model must name the model, e.g. gpt-4o-mini or llama3.2."], error.Failures);
    }

    [Fact]
    public void Building_the_client_by_hand_checks_the_settings_too()
    {
        var error = Assert.Throws<ArgumentException>(() => new OpenAiCompatibleChatClient(new OpenAiCompatibleOptions { BaseUrl = "not a url", Model = "m" }));

        Assert.StartsWith("Parley:Llm:BaseUrl must be an absolute http(s) URL", error.Message);
    }
}
