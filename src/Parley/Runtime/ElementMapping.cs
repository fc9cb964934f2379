using System.Text.Json;
using Parley.Data;
using Parley.Protocol;

namespace Parley.Runtime;

internal static class ElementMapping
{
    /// <summary>The DTO of an element; stored bytes are fetched through the app's owner-checked download endpoint.</summary>
    public static ElementDto ToDto(ElementRecord element, ElementLinks links) => new(
        element.Id,
        element.ThreadId,
        element.StepId,
        element.Type,
        element.Name,
        element.Mime,
        element.Size,
        element.Display,
        element.StorageKey is not null ? links.DownloadUrl(element) : element.Url,
        element.Props is { } props ? JsonDocument.Parse(props).RootElement.Clone() : null);

    public static FeedbackDto ToDto(FeedbackRecord feedback) => new(feedback.Id, feedback.StepId, feedback.Value, feedback.Comment);

    public static ThreadDto ToDto(ThreadRecord thread) => new(thread.Id, thread.Name, thread.ChatProfile, thread.CreatedAt, thread.UpdatedAt);
}
