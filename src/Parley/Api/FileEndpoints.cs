using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Parley.Data;
using Parley.Files;
using Parley.Files.FileTypes;
using Parley.Hosting;
using Parley.Protocol;
using Parley.Runtime;

namespace Parley.Api;

/// <summary>
/// Uploads. The body is streamed section by section into the file store with the size limit
/// enforced while reading, so a 100 MB body costs at most one limit's worth of disk before it is
/// refused. The type is decided from the content, never from the client's name or header.
/// </summary>
internal static class FileEndpoints
{
    /// <summary>What the UI's file picker offers; the server still decides each upload from its content.</summary>
    public static readonly IReadOnlyList<string> AcceptedTypes =
    [
        "image/png", "image/jpeg", "image/gif", "image/webp", "audio/*", "video/mp4", "video/webm", "application/pdf",
        "text/plain", ".txt", ".md", ".csv", ".json", ".zip", ".docx", ".xlsx", ".pptx",
    ];

    public static void Map(RouteGroupBuilder api) => api.MapPost("/files", UploadAsync).DisableAntiforgery();

    private static async Task<Results<Ok<IReadOnlyList<UploadedFileDto>>, ProblemHttpResult>> UploadAsync(
        HttpContext context, IFileStore files, IElementStore elements, IOptions<ParleyOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var user = (await context.ParleyUserAsync())!;
        var limits = options.Value.Limits;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = (limits.MaxUploadBytes + 16 * 1024) * limits.MaxFilesPerMessage;
        }
        var boundary = GetBoundary(context.Request.ContentType);
        if (boundary is null)
        {
            return ParleyHttp.BadRequest("Send the files as multipart/form-data in fields named 'files'.");
        }

        var reader = new MultipartReader(boundary, context.Request.Body) { HeadersLengthLimit = 16 * 1024 };
        List<(ElementRecord Element, UploadedFileDto Dto)> stored = [];
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.IsFileDisposition())
                {
                    continue;
                }
                if (stored.Count == limits.MaxFilesPerMessage)
                {
                    return await FailAsync(stored, files, elements, StatusCodes.Status400BadRequest, $"At most {limits.MaxFilesPerMessage} files can be uploaded at once.");
                }
                var name = SafeFileName.Create(disposition.FileNameStar.Value ?? HeaderUtilities.RemoveQuotes(disposition.FileName).Value);
                var (key, size) = await files.SaveAsync(section.Body, limits.MaxUploadBytes, cancellationToken);
                if (await InspectAsync(files, key, name, size, cancellationToken) is not DetectedFileType type)
                {
                    await files.DeleteAsync(key, CancellationToken.None);
                    return await FailAsync(stored, files, elements, StatusCodes.Status415UnsupportedMediaType, $"'{name}' is not an accepted file type.");
                }
                var element = new ElementRecord
                {
                    Id = Ids.New(),
                    UserId = user.Id,
                    Type = type.ElementType,
                    Name = name,
                    Mime = type.Mime,
                    Size = size,
                    StorageKey = key,
                    CreatedAt = time.GetUtcNow(),
                };
                await elements.CreateAsync(element, cancellationToken);
                stored.Add((element, new UploadedFileDto(element.Id, name, type.Mime, size, type.ElementType)));
            }
        }
        catch (FileTooLargeException)
        {
            return await FailAsync(stored, files, elements, StatusCodes.Status413PayloadTooLarge, $"Each file is limited to {limits.MaxUploadBytes} bytes.");
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return await FailAsync(stored, files, elements, StatusCodes.Status413PayloadTooLarge, "The upload is larger than allowed.");
        }
        catch (InvalidDataException)
        {
            return await FailAsync(stored, files, elements, StatusCodes.Status400BadRequest, "The multipart body is malformed.");
        }

        if (stored.Count == 0)
        {
            return ParleyHttp.BadRequest("No file was sent: use fields named 'files'.");
        }
        return TypedResults.Ok<IReadOnlyList<UploadedFileDto>>([.. stored.Select(s => s.Dto)]);
    }

    private static async Task<FileTypeResult> InspectAsync(IFileStore files, string key, string name, long size, CancellationToken cancellationToken)
    {
        await using var stream = await files.OpenReadAsync(key, cancellationToken) ?? throw new InvalidOperationException("A stored upload vanished.");
        var head = new byte[FileTypeDetector.SniffLength];
        var read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        return FileTypeDetector.Detect(head.AsSpan(0, read), name, size);
    }

    /// <summary>A refused upload leaves nothing behind: the files of the same request stored before it are removed too.</summary>
    private static async Task<ProblemHttpResult> FailAsync(List<(ElementRecord Element, UploadedFileDto Dto)> stored, IFileStore files, IElementStore elements, int status, string detail)
    {
        foreach (var (element, _) in stored)
        {
            await elements.DeleteAsync(element.Id, CancellationToken.None);
            await files.DeleteAsync(element.StorageKey!, CancellationToken.None);
        }
        return TypedResults.Problem(statusCode: status, title: status == StatusCodes.Status413PayloadTooLarge ? "Too large" : "Upload refused", detail: detail);
    }

    private static string? GetBoundary(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || !media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value;
        return string.IsNullOrWhiteSpace(boundary) || boundary.Length > 200 ? null : boundary;
    }
}
