using Microsoft.Extensions.Logging;
using Parley.Chat;
using Parley.Protocol;

namespace Parley.Runtime;

/// <summary>Running handler hooks: one at a time, cancellable by stop, ending, or shutdown.</summary>
internal sealed partial class ChatSession
{
    private readonly object _runGate = new();
    private CancellationTokenSource? _runCts;
    private Task _run = Task.CompletedTask;
    // Not _run.IsCompleted: the task completes only after running:false is queued, and a client
    // that sends its next message on running:false must not be refused as busy in between.
    private bool _running;
    private readonly List<StepState> _openStreams = [];
    private volatile bool _stopRequested;

    public bool IsRunning
    {
        get
        {
            lock (_runGate)
            {
                return _running;
            }
        }
    }

    /// <summary>The token of the hook that runs now (none when idle).</summary>
    public CancellationToken RunToken
    {
        get
        {
            lock (_runGate)
            {
                return _runCts?.Token ?? _ended.Token;
            }
        }
    }

    /// <summary>Starts a hook unless one is running. The hook's failures become an error message in the chat, never a crash.</summary>
    public bool TryStartRun(string hookName, Func<CancellationToken, Task> hook)
    {
        lock (_runGate)
        {
            if (_running || _ended.IsCancellationRequested)
            {
                return false;
            }
            _running = true;
            _runCts?.Dispose();
            _runCts = CancellationTokenSource.CreateLinkedTokenSource(_ended.Token);
            _stopRequested = false;
            var token = _runCts.Token;
            Emit(new RunningEvent(true));
            _run = Task.Run(() => RunHookAsync(hookName, hook, token));
            return true;
        }
    }

    private async Task RunHookAsync(string hookName, Func<CancellationToken, Task> hook, CancellationToken token)
    {
        try
        {
            await hook(token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stop was pressed or the chat ended: not an error.
        }
        catch (Exception ex)
        {
            Log.HookFailed(Logger, ex, hookName, Id);
            await TryReportFailureAsync();
        }
        finally
        {
            await CloseOpenStreamsAsync();
            if (_stopRequested)
            {
                // Inside the run, after the hook has unwound: the stop hook never races the handler it stopped.
                await RunStopHookAsync();
            }
            lock (_runGate)
            {
                // Under the gate: a run started right after cannot queue its running:true before this running:false.
                _running = false;
                Emit(new RunningEvent(false));
            }
        }
    }

    private async Task RunStopHookAsync()
    {
        try
        {
            await Handler.OnStopAsync(Context);
        }
        catch (Exception ex)
        {
            Log.HookFailed(Logger, ex, "stop", Id);
        }
    }

    private async Task TryReportFailureAsync()
    {
        try
        {
            var step = await CreateStepAsync(StepTypes.SystemMessage, "Error", null, null, "Something went wrong while answering. Please try again.", false, null, CancellationToken.None);
            step.IsError = true;
            await SaveStepAsync(step, CancellationToken.None);
        }
        catch (Exception ex)
        {
            Log.HookFailed(Logger, ex, "error report", Id);
        }
    }

    public void TrackStream(StepState step)
    {
        lock (_runGate)
        {
            _openStreams.Add(step);
        }
    }

    public void UntrackStream(StepState step)
    {
        lock (_runGate)
        {
            _openStreams.Remove(step);
        }
    }

    /// <summary>Streams the handler left open (it was stopped, or forgot to finish) end with what they have.</summary>
    private async Task CloseOpenStreamsAsync()
    {
        StepState[] open;
        lock (_runGate)
        {
            open = [.. _openStreams];
            _openStreams.Clear();
        }
        foreach (var step in open)
        {
            try
            {
                step.Streaming = false;
                step.EndedAt ??= Now;
                if (HasStep(step.Id))
                {
                    await SaveStepAsync(step, CancellationToken.None);
                }
            }
            catch (Exception ex)
            {
                Log.HookFailed(Logger, ex, "closing a stream", Id);
            }
        }
    }

    /// <summary>The user pressed stop: the running hook is cancelled; the stop hook runs once it has unwound.</summary>
    public async Task StopAsync()
    {
        CancellationTokenSource? cts;
        lock (_runGate)
        {
            cts = _run.IsCompleted ? null : _runCts;
        }
        if (cts is null)
        {
            return;
        }
        _stopRequested = true;
        await cts.CancelAsync();
        CancelWaits();
    }

    private async Task WaitForRunAsync(TimeSpan timeout)
    {
        Task run;
        lock (_runGate)
        {
            run = _run;
        }
        try
        {
            await run.WaitAsync(timeout, _runtime.Time);
        }
        catch (TimeoutException)
        {
            // A hook that ignores its token is left behind; the session ends regardless.
        }
    }

    /// <summary>Runs the chat start (or resume) hook.</summary>
    public void StartChatHook(ChatStartMode mode)
    {
        if (mode == ChatStartMode.New)
        {
            TryStartRun("chat start", ct => Handler.OnChatStartAsync(Context, ct));
        }
        else if (mode == ChatStartMode.Resumed)
        {
            TryStartRun("chat resume", ct => Handler.OnChatResumeAsync(Context, ct));
        }
    }
}
