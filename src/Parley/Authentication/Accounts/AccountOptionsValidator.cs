using Microsoft.Extensions.Options;
using Parley.Hosting;

namespace Parley.Authentication.Accounts;

/// <summary>Checks <c>Parley:Auth:Accounts</c> at start-up, naming the setting to fix.</summary>
internal sealed class AccountOptionsValidator(IServiceProvider services) : IValidateOptions<ParleyOptions>
{
    private const string Section = AccountOptions.ConfigurationSection;

    public ValidateOptionsResult Validate(string? name, ParleyOptions options)
    {
        var accounts = options.Auth?.Accounts;
        if (accounts is null)
        {
            return ValidateOptionsResult.Fail($"{Section} is required.");
        }
        List<string> failures = [];
        if (!Enum.IsDefined(accounts.Registration))
        {
            failures.Add($"{Section}:Registration must be Closed, Invite or Open.");
        }
        if (accounts.MinPasswordLength is < 8 or > AccountRules.MaxPasswordLength)
        {
            failures.Add($"{Section}:MinPasswordLength must be between 8 and {AccountRules.MaxPasswordLength}; it is {accounts.MinPasswordLength}.");
        }
        if (accounts.MaxFailedAttempts is < 1 or > 1000)
        {
            failures.Add($"{Section}:MaxFailedAttempts must be between 1 and 1000; it is {accounts.MaxFailedAttempts}.");
        }
        if (accounts.LockoutDuration < TimeSpan.FromSeconds(1) || accounts.LockoutDuration > TimeSpan.FromDays(30))
        {
            failures.Add($"{Section}:LockoutDuration must be between 00:00:01 and 30.00:00:00; it is {accounts.LockoutDuration}.");
        }
        if (accounts.InviteLifetime < TimeSpan.FromMinutes(1) || accounts.InviteLifetime > TimeSpan.FromDays(365))
        {
            failures.Add($"{Section}:InviteLifetime must be between 00:01:00 and 365.00:00:00; it is {accounts.InviteLifetime}.");
        }
        var admin = accounts.Admin ?? new AdminAccountOptions();
        var hasUser = !string.IsNullOrEmpty(admin.Username);
        var hasPassword = !string.IsNullOrEmpty(admin.Password);
        if (hasUser != hasPassword)
        {
            failures.Add($"{Section}:Admin:Username and {Section}:Admin:Password must be set together.");
        }
        else if (hasUser)
        {
            if (!accounts.Enabled)
            {
                failures.Add($"{Section}:Admin is set but {Section}:Enabled is false.");
            }
            if (AccountRules.UsernameProblem(admin.Username) is { } usernameProblem)
            {
                failures.Add($"{Section}:Admin:Username is not valid: {usernameProblem}");
            }
            if (AccountRules.PasswordProblem(admin.Password, accounts.MinPasswordLength) is { } passwordProblem)
            {
                failures.Add($"{Section}:Admin:Password is not valid: {passwordProblem}");
            }
        }
        if (accounts.Enabled && services.GetService(typeof(Password.PasswordLoginMarker)) is not null)
        {
            failures.Add($"{Section}:Enabled is true and AddParleyPasswordLogin is also called: use one password sign-in, not both.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
