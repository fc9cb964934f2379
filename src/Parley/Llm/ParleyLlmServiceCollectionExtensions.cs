using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Llm;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the <see cref="IChatClient"/> Parley apps answer with.</summary>
public static partial class ParleyLlmServiceCollectionExtensions
{
    /// <summary>
    /// Registers an OpenAI-compatible model if <c>Parley:Llm</c> names one (any of <c>BaseUrl</c>,
    /// <c>ApiKey</c> or <c>Model</c> set), otherwise the <see cref="DemoChatClient"/>, so an app
    /// answers even before a model is set up.
    /// </summary>
    public static IServiceCollection AddParleyChatClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(OpenAiCompatibleOptions.SectionName);
        var configured = new[] { "BaseUrl", "ApiKey", "Model" }.Any(key => !string.IsNullOrWhiteSpace(section[key]));
        return configured ? services.AddParleyOpenAiChatClient(section) : services.AddParleyDemoChatClient();
    }

    /// <summary>
    /// Registers an <see cref="OpenAiCompatibleChatClient"/> as the <see cref="IChatClient"/>, with
    /// options bound from <paramref name="section"/> (usually <c>Parley:Llm</c>) and validated at start-up.
    /// </summary>
    public static IServiceCollection AddParleyOpenAiChatClient(this IServiceCollection services, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<OpenAiCompatibleOptions>().Bind(section).ValidateOnStart();
        return AddOpenAi(services, section.Path);
    }

    /// <summary>
    /// Registers an <see cref="OpenAiCompatibleChatClient"/> as the <see cref="IChatClient"/>, with
    /// options bound from <c>Parley:Llm</c>, then <paramref name="configure"/>, validated at start-up.
    /// </summary>
    public static IServiceCollection AddParleyOpenAiChatClient(this IServiceCollection services, Action<OpenAiCompatibleOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<OpenAiCompatibleOptions>().BindConfiguration(OpenAiCompatibleOptions.SectionName).Configure(configure).ValidateOnStart();
        return AddOpenAi(services, OpenAiCompatibleOptions.SectionName);
    }

    /// <summary>Registers the <see cref="DemoChatClient"/> as the <see cref="IChatClient"/>.</summary>
    public static IServiceCollection AddParleyDemoChatClient(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IChatClient>(sp =>
        {
            if (sp.GetService<ILoggerFactory>() is { } loggers)
            {
                Log.DemoModelInUse(loggers.CreateLogger("Parley.Llm"));
            }
            return new DemoChatClient(sp.GetRequiredService<TimeProvider>());
        });
        return services;
    }

    private static IServiceCollection AddOpenAi(IServiceCollection services, string sectionPath)
    {
        services.RemoveAll<IValidateOptions<OpenAiCompatibleOptions>>();
        services.AddSingleton<IValidateOptions<OpenAiCompatibleOptions>>(new OpenAiCompatibleOptionsValidator(sectionPath));
        services.AddSingleton<IChatClient>(sp => new OpenAiCompatibleChatClient(sp.GetRequiredService<IOptions<OpenAiCompatibleOptions>>().Value));
        return services;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LlmEventIds.DemoModelInUse, Level = LogLevel.Information,
            Message = "No model is configured (Parley:Llm:BaseUrl, ApiKey, Model): chats answer with the built-in demo model.")]
        public static partial void DemoModelInUse(ILogger logger);
    }
}
