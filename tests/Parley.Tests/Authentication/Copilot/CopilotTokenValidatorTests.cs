using System.Buffers.Text;
using System.Text;
using Parley.Authentication.Copilot;

namespace Parley.Tests.Authentication.Copilot;

/// <summary>The validator without HTTP, for inputs too many or too large to send one request each.</summary>
public sealed class CopilotTokenValidatorTests
{
    private static readonly DateTimeOffset Now = FakeTimeProvider.DefaultStart;

    private static readonly CopilotTokenValidator Validator =
        CopilotTokenValidator.Create(new CopilotTokenOptions { Secret = TestTokens.Secret });

    [Fact]
    public void Thousands_of_mutations_of_a_valid_token_are_all_rejected_without_an_exception()
    {
        var token = TestTokens.Hs256(TestTokens.Claims(Now));
        Assert.NotNull(Validator.Validate(token, Now).Identity);
        var random = new Random(20310514);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ";

        for (var i = 0; i < 5000; i++)
        {
            var chars = token.ToCharArray();
            var position = random.Next(chars.Length);
            var replacement = alphabet[random.Next(alphabet.Length)];
            if (chars[position] == replacement)
            {
                continue;
            }
            chars[position] = replacement;
            var mutated = new string(chars);

            var result = Validator.Validate(mutated, Now);

            Assert.True(result.Identity is null, $"A mutated token was accepted: {mutated}");
        }
    }

    [Fact]
    public void A_deeply_nested_payload_is_rejected_before_any_json_library_recurses_into_it()
    {
        var header = Base64Url.EncodeToString("""{"alg":"HS256"}"""u8);
        var payload = Base64Url.EncodeToString(Encoding.ASCII.GetBytes(new string('[', 2500) + new string(']', 2500)));

        var result = Validator.Validate($"{header}.{payload}.c2ln", Now);

        Assert.Equal(CopilotTokenFailure.Malformed, result.Failure);
    }

    [Fact]
    public void A_deeply_nested_header_is_rejected_before_any_json_library_recurses_into_it()
    {
        var header = Base64Url.EncodeToString(Encoding.ASCII.GetBytes("""{"alg":"HS256","x":""" + new string('[', 2000) + new string(']', 2000) + "}"));
        var payload = Base64Url.EncodeToString("""{"identifier":"alice","exp":1}"""u8);

        var result = Validator.Validate($"{header}.{payload}.c2ln", Now);

        Assert.Equal(CopilotTokenFailure.Malformed, result.Failure);
    }

    [Fact]
    public void A_signature_respelled_with_nonzero_unused_bits_is_rejected()
    {
        var token = TestTokens.Hs256(TestTokens.Claims(Now));
        var last = token[^1];
        // An HS256 signature is 43 base64url characters; the last one carries 4 bits and 2 unused ones.
        var respelled = token[..^1] + Base64UrlAlphabet[Base64UrlAlphabet.IndexOf(last) ^ 0b01];

        Assert.NotNull(Validator.Validate(token, Now).Identity);
        Assert.Equal(CopilotTokenFailure.Malformed, Validator.Validate(respelled, Now).Failure);
    }

    private const string Base64UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    [Fact]
    public void An_absurd_expiry_is_malformed_rather_than_an_overflow()
    {
        var claims = TestTokens.Claims(Now);
        claims["exp"] = 1e300;

        Assert.Equal(CopilotTokenFailure.Malformed, Validator.Validate(TestTokens.Hs256(claims), Now).Failure);
    }
}
