using Microsoft.AspNetCore.Identity;
using Parley.Authentication.Accounts;

namespace Parley.Tests.Authentication.Accounts;

/// <summary>Identity's hasher (with few rounds), counting how often it hashes and verifies.</summary>
internal sealed class CountingPasswordHasher : IPasswordHasher<AccountRecord>
{
    private readonly PasswordHasher<AccountRecord> _inner = new(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = 1000 }));
    private int _verifications;

    public int Verifications => Volatile.Read(ref _verifications);

    public string HashPassword(AccountRecord user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(AccountRecord user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}
