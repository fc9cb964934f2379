namespace Parley.Tests.Data;

/// <summary>Bounds every await of the data tests, so a hang fails the test instead of the run.</summary>
internal static class TestTimeouts
{
    /// <summary>The longest any single database or file operation may take in a test.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(30);

    /// <summary>Awaits the task for at most <see cref="Default"/>, or until the test is cancelled.</summary>
    public static Task<T> WithTimeout<T>(this Task<T> task) => task.WaitAsync(Default, TestContext.Current.CancellationToken);

    /// <summary>Awaits the task for at most <see cref="Default"/>, or until the test is cancelled.</summary>
    public static Task WithTimeout(this Task task) => task.WaitAsync(Default, TestContext.Current.CancellationToken);
}
