using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace Parley.Llm;

/// <summary>
/// An <see cref="IChatClient"/> for any OpenAI-compatible <c>/v1/chat/completions</c> endpoint,
/// over the official OpenAI SDK. Failures are thrown as <see cref="LlmException"/>, whose message
/// is safe to show and to log.
/// </summary>
public sealed class OpenAiCompatibleChatClient : IChatClient
{
    private readonly OpenAiCompatibleOptions _options;
    private readonly OpenAIClient _client;
    private readonly ConcurrentDictionary<string, ChatClient> _chatClients = new(StringComparer.Ordinal);
    private readonly ChatClientMetadata _metadata;
    private readonly string _endpoint;

    /// <summary>Creates the client.</summary>
    /// <param name="options">The endpoint, key and model; checked like the start-up validation does.</param>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it.</exception>
    public OpenAiCompatibleChatClient(OpenAiCompatibleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = OpenAiCompatibleOptionsValidator.Check(options, OpenAiCompatibleOptions.SectionName);
        if (failures.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", failures), nameof(options));
        }
        _options = options;
        var baseUrl = new Uri(options.BaseUrl.TrimEnd('/') + "/");
        _endpoint = $"{baseUrl.Scheme}://{baseUrl.Authority}{baseUrl.AbsolutePath.TrimEnd('/')}";
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = baseUrl,
            OrganizationId = string.IsNullOrWhiteSpace(options.Organization) ? null : options.Organization,
            ProjectId = string.IsNullOrWhiteSpace(options.Project) ? null : options.Project,
            NetworkTimeout = options.Timeout,
            RetryPolicy = new ClientRetryPolicy(options.MaxRetries),
            UserAgentApplicationId = "Parley",
            // Request logging stays off: the SDK would log headers and bodies with the app's loggers.
            ClientLoggingOptions = new ClientLoggingOptions { EnableLogging = false, EnableMessageLogging = false, EnableMessageContentLogging = false },
        };
        // OPENAI001: the AuthenticationPolicy constructor is marked for evaluation, but it is the
        // only way to send no key (local servers) or the key in another header (Azure's api-key).
#pragma warning disable OPENAI001
        _client = new OpenAIClient(Authentication(options), clientOptions);
#pragma warning restore OPENAI001
        _metadata = new ChatClientMetadata("openai-compatible", new Uri(_endpoint), options.Model);
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<AiChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<AiChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var chat = ChatClientFor(options?.ModelId ?? _options.Model!);
        var request = OpenAiRequestMapping.ToMessages(messages, options);
        var requestOptions = OpenAiRequestMapping.ToOptions(options, _options);
        var mapping = new OpenAiStreamingMapping();

        IAsyncEnumerator<StreamingChatCompletionUpdate>? updates = null;
        try
        {
            updates = chat.CompleteChatStreamingAsync(request, requestOptions, cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                StreamingChatCompletionUpdate update;
                try
                {
                    if (!await updates.MoveNextAsync())
                    {
                        break;
                    }
                    update = updates.Current;
                }
                catch (Exception ex) when (ex is not LlmException && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
                {
                    throw LlmErrors.Classify(ex, _endpoint);
                }
                yield return mapping.Map(update);
            }
        }
        finally
        {
            if (updates is not null)
            {
                // Disposing ends the HTTP response, so a stopped reply stops the server's generation too.
                await updates.DisposeAsync();
            }
        }
        if (mapping.Complete() is { } toolCalls)
        {
            yield return toolCalls;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType == typeof(OpenAIClient) ? _client
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // The SDK's clients hold no resources of their own to release.
    }

    private ChatClient ChatClientFor(string model) => _chatClients.GetOrAdd(model, _client.GetChatClient);

    private static AuthenticationPolicy Authentication(OpenAiCompatibleOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            return new NoAuthenticationPolicy();
        }
        var credential = new ApiKeyCredential(options.ApiKey);
        return options.ApiKeyHeader.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
            ? ApiKeyAuthenticationPolicy.CreateBearerAuthorizationPolicy(credential)
            : ApiKeyAuthenticationPolicy.CreateHeaderApiKeyPolicy(credential, options.ApiKeyHeader);
    }

    /// <summary>Local servers (Ollama, llama.cpp…) need no key; sending none beats sending a made-up one.</summary>
    private sealed class NoAuthenticationPolicy : AuthenticationPolicy
    {
        public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex) =>
            ProcessNext(message, pipeline, currentIndex);

        public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex) =>
            ProcessNextAsync(message, pipeline, currentIndex);
    }
}
