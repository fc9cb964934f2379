namespace Parley.Authentication.Password;

/// <summary>Present when the app registered a password check: the validator itself may be scoped.</summary>
internal sealed class PasswordLoginMarker;

/// <summary>Adapts the delegate given to <c>AddParleyPasswordLogin</c>.</summary>
internal sealed class DelegatePasswordValidator(Func<string, string, CancellationToken, ValueTask<ParleyUserInfo?>> validate) : IParleyPasswordValidator
{
    public ValueTask<ParleyUserInfo?> ValidateAsync(string username, string password, CancellationToken cancellationToken) =>
        validate(username, password, cancellationToken);
}
