using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Parley.Chat;
using Parley.Protocol;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace Parley.Llm;

/// <summary>
/// One assistant reply: the conversation from the thread, the model's stream into a message,
/// and the function-calling loop (each call shown as a tool step nested in the message).
/// </summary>
internal sealed partial class LlmReplyRunner
{
    private readonly ChatContext _chat;
    private readonly IChatClient _client;
    private readonly LlmReplyOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<string, AIFunction> _functions;
    private readonly StringBuilder _text = new();
    private readonly UsageDetails _usage = new();
    private Message? _message;
    private int _modelCalls;
    private int _toolCalls;
    private bool _sawUsage;
    private string? _modelId;
    private string? _finishReason;

    public LlmReplyRunner(ChatContext chat, IChatClient client, LlmReplyOptions options)
    {
        _chat = chat;
        _client = client;
        _options = options;
        _time = chat.Services.GetService<TimeProvider>() ?? TimeProvider.System;
        _logger = chat.Services.GetService<ILoggerFactory>()?.CreateLogger("Parley.Llm") ?? NullLogger.Instance;
        _functions = (options.ChatOptions?.Tools ?? []).OfType<AIFunction>().GroupBy(f => f.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    public async Task<LlmReply> RunAsync(CancellationToken cancellationToken)
    {
        var conversation = await LlmConversation.BuildAsync(_chat.History, _options, cancellationToken);
        _message = await _chat.StartMessageAsync(_options.Message, cancellationToken);
        var limitReached = false;
        try
        {
            for (var round = 0; ; round++)
            {
                var calls = await CallModelAsync(conversation, cancellationToken);
                if (calls.Count == 0)
                {
                    break;
                }
                if (round >= _options.MaxToolIterations)
                {
                    limitReached = true;
                    Log.ToolLimitReached(_logger, _options.MaxToolIterations, _chat.ThreadId);
                    break;
                }
                List<AIContent> results = [];
                foreach (var call in calls)
                {
                    results.Add(await InvokeAsync(call, cancellationToken));
                }
                conversation.Add(new AiChatMessage(ChatRole.Tool, results));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stop: keep what was streamed, note that it was cut short, and let the run end as cancelled.
            using var cleanup = CleanupToken();
            await FinishAsync(null, stopped: true, cleanup.Token);
            throw;
        }
        catch (Exception ex)
        {
            var error = LlmErrors.Classify(ex);
            Log.ModelCallFailed(_logger, _chat.ThreadId, error.Kind, error.StatusCode, error.ProviderCode, ex.GetType().Name);
            using var cleanup = CleanupToken();
            var failed = await FinishAsync(error, stopped: false, cleanup.Token);
            await _chat.SendErrorAsync(error.Message, cleanup.Token);
            return failed;
        }

        var reply = await FinishAsync(null, stopped: false, cancellationToken) with { ToolLimitReached = limitReached };
        if (limitReached)
        {
            var rounds = _options.MaxToolIterations == 1 ? "1 round" : $"{_options.MaxToolIterations} rounds";
            await _chat.SendErrorAsync($"The model kept calling tools; it was stopped after {rounds} of tool calls without a final answer.", cancellationToken);
        }
        return reply;
    }

    /// <summary>
    /// A token for writing the outcome after a stop or failure. Not <see cref="CancellationToken.None"/>:
    /// Parley's step methods read "none" as "the run's token", which a stop has cancelled.
    /// </summary>
    private CancellationTokenSource CleanupToken() => new(TimeSpan.FromSeconds(30), _time);

    /// <summary>Streams one model call into the message; returns the function calls it asked for (already added to the conversation).</summary>
    private async Task<List<FunctionCallContent>> CallModelAsync(List<AiChatMessage> conversation, CancellationToken cancellationToken)
    {
        _modelCalls++;
        List<FunctionCallContent> calls = [];
        var text = new StringBuilder();
        // A later round's text starts a new paragraph of the same message.
        var paragraphBreak = _text.Length > 0 && _text[^1] != '\n';

        // The idle timer runs on the app's TimeProvider and restarts with every update.
        using var idle = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
        idle.CancelAfter(_options.IdleTimeout);
        try
        {
            await foreach (var update in _client.GetStreamingResponseAsync(conversation, _options.ChatOptions, linked.Token).WithCancellation(linked.Token))
            {
                idle.CancelAfter(_options.IdleTimeout);
                foreach (var content in update.Contents)
                {
                    switch (content)
                    {
                        case TextContent { Text.Length: > 0 } t:
                            if (paragraphBreak)
                            {
                                paragraphBreak = false;
                                await StreamAsync("\n\n", cancellationToken);
                            }
                            text.Append(t.Text);
                            await StreamAsync(t.Text, cancellationToken);
                            break;
                        case FunctionCallContent call:
                            calls.Add(call);
                            break;
                        case UsageContent usage:
                            _usage.Add(usage.Details);
                            _sawUsage = true;
                            break;
                        case ErrorContent error:
                            throw new LlmException(LlmErrorKind.Other, "The model reported an error and could not answer. Please try again.",
                                providerCode: LlmErrors.SafeCode(error.ErrorCode));
                    }
                }
                _modelId = update.ModelId ?? _modelId;
                _finishReason = update.FinishReason?.Value ?? _finishReason;
            }
        }
        catch (OperationCanceledException) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw LlmErrors.TimedOut();
        }

        if (calls.Count > 0)
        {
            List<AIContent> contents = text.Length > 0 ? [new TextContent(text.ToString())] : [];
            contents.AddRange(calls);
            conversation.Add(new AiChatMessage(ChatRole.Assistant, contents));
        }
        return calls;
    }

    private async Task StreamAsync(string text, CancellationToken cancellationToken)
    {
        _text.Append(text);
        await _message!.StreamTokenAsync(text, cancellationToken);
    }

    private async Task<FunctionResultContent> InvokeAsync(FunctionCallContent call, CancellationToken cancellationToken)
    {
        _toolCalls++;
        var input = call.Arguments is null ? "{}" : JsonSerializer.Serialize(call.Arguments, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>)));
        var step = await _message!.StartStepAsync(call.Name, StepTypes.Tool, input, cancellationToken);
        if (call.Exception is not null)
        {
            return await FailAsync(step, call, "The tool's arguments were not valid JSON.", cancellationToken);
        }
        if (!_functions.TryGetValue(call.Name, out var function))
        {
            Log.ToolNotFound(_logger, call.Name, _chat.ThreadId);
            return await FailAsync(step, call, $"There is no tool named '{call.Name}'.", cancellationToken);
        }
        object? result;
        try
        {
            var arguments = new AIFunctionArguments(call.Arguments ?? new Dictionary<string, object?>()) { Services = _chat.Services };
            result = await function.InvokeAsync(arguments, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            using var cleanup = CleanupToken();
            await step.FinishAsync(cancellationToken: cleanup.Token);
            throw;
        }
        catch (Exception ex)
        {
            Log.ToolFailed(_logger, ex, call.Name, _chat.ThreadId);
            return await FailAsync(step, call, _options.IncludeToolErrorDetails ? $"The tool failed: {ex.Message}" : "The tool failed.", cancellationToken);
        }
        await step.FinishAsync(ToolResultText.From(result), cancellationToken: cancellationToken);
        return new FunctionResultContent(call.CallId, result);
    }

    private static async Task<FunctionResultContent> FailAsync(Step step, FunctionCallContent call, string reason, CancellationToken cancellationToken)
    {
        await step.FinishAsync(reason, isError: true, cancellationToken);
        return new FunctionResultContent(call.CallId, "Error: " + reason);
    }

    /// <summary>Ends the message with the usage in its metadata; an error before any output removes the empty message.</summary>
    private async Task<LlmReply> FinishAsync(LlmException? error, bool stopped, CancellationToken cancellationToken)
    {
        var reply = new LlmReply
        {
            Message = _message,
            Text = _text.ToString(),
            Usage = _sawUsage ? LlmUsage.From(_usage) : null,
            ModelId = _modelId,
            FinishReason = _finishReason,
            ModelCalls = _modelCalls,
            ToolCalls = _toolCalls,
            Error = error,
        };
        if (_message is null)
        {
            return reply;
        }
        if (error is not null && _text.Length == 0 && _toolCalls == 0)
        {
            await _message.RemoveAsync(cancellationToken);
            return reply with { Message = null };
        }
        _message.State.Metadata = LlmMetadata.Merge(_message.State.Metadata, reply, stopped);
        await _message.FinishAsync(cancellationToken: cancellationToken);
        return reply;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LlmEventIds.ModelCallFailed, Level = LogLevel.Warning,
            Message = "The model call in thread {ThreadId} failed: {Kind} (HTTP {Status}, provider code {ProviderCode}, {ExceptionType}).")]
        public static partial void ModelCallFailed(ILogger logger, string threadId, LlmErrorKind kind, int? status, string? providerCode, string exceptionType);

        [LoggerMessage(EventId = LlmEventIds.ToolFailed, Level = LogLevel.Warning, Message = "The tool {Tool} failed in thread {ThreadId}.")]
        public static partial void ToolFailed(ILogger logger, Exception exception, string tool, string threadId);

        [LoggerMessage(EventId = LlmEventIds.ToolNotFound, Level = LogLevel.Warning, Message = "The model called {Tool}, which is not among the tools given, in thread {ThreadId}.")]
        public static partial void ToolNotFound(ILogger logger, string tool, string threadId);

        [LoggerMessage(EventId = LlmEventIds.ToolLimitReached, Level = LogLevel.Information, Message = "The model was stopped after {Rounds} rounds of tool calls in thread {ThreadId}.")]
        public static partial void ToolLimitReached(ILogger logger, int rounds, string threadId);
    }
}
