namespace Parley.Tests.Authentication.Accounts;

/// <summary>Deletes a folder when disposed.</summary>
internal sealed class TempFolder(string path) : IDisposable
{
    public void Dispose()
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // Cleaned up with the temp folder eventually.
        }
    }
}
