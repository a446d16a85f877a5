using System.Text.Json;
using System.Text.Json.Serialization;

namespace Delivery.Workflows.Backlog;

/// <summary>
/// Keeps a <see cref="BacklogFlowItem"/> as <c>["DEL-123", 1767609825123, null]</c>: the story id, then the start
/// and finish as Unix milliseconds (or null). A team's year documents hold one item per story finished, so this is
/// most of what the flow metrics read: about a third of the size of the named, ISO-dated form. The named form <c>{"storyId": …, "startedAt": …, "finishedAt": …}</c>,
/// which documents written before held, is still read, and is rewritten compact when the document next changes.
/// </summary>
public sealed class BacklogFlowItemJson : JsonConverter<BacklogFlowItem>
{
    public override BacklogFlowItem Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.StartArray => ReadCompact(ref reader),
        JsonTokenType.StartObject => ReadNamed(ref reader),
        _ => throw new JsonException($"A backlog flow item is an array or an object, not {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, BacklogFlowItem value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        writer.WriteStringValue(value.StoryId);
        WriteTime(writer, value.StartedAt);
        WriteTime(writer, value.FinishedAt);
        writer.WriteEndArray();
    }

    private static BacklogFlowItem ReadCompact(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        var storyId = reader.GetString() ?? throw new JsonException("A backlog flow item has no story id.");
        Next(ref reader);
        var started = ReadTime(ref reader);
        Next(ref reader);
        var finished = ReadTime(ref reader);
        Next(ref reader);
        if (reader.TokenType != JsonTokenType.EndArray)
        {
            throw new JsonException("A backlog flow item has three values: the story id, the start and the finish.");
        }

        return new BacklogFlowItem(storyId, started, finished);
    }

    private static BacklogFlowItem ReadNamed(ref Utf8JsonReader reader)
    {
        string? storyId = null;
        DateTimeOffset? started = null, finished = null;
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return new BacklogFlowItem(storyId ?? throw new JsonException("A backlog flow item has no story id."), started, finished);
            }

            var name = reader.GetString();
            Next(ref reader);
            switch (name?.ToUpperInvariant())
            {
                case "STORYID":
                    storyId = reader.GetString();
                    break;
                case "STARTEDAT":
                    started = reader.TokenType == JsonTokenType.Null ? null : reader.GetDateTimeOffset();
                    break;
                case "FINISHEDAT":
                    finished = reader.TokenType == JsonTokenType.Null ? null : reader.GetDateTimeOffset();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
    }

    private static DateTimeOffset? ReadTime(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Null ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64());

    private static void WriteTime(Utf8JsonWriter writer, DateTimeOffset? at)
    {
        if (at is { } t)
        {
            writer.WriteNumberValue(t.ToUnixTimeMilliseconds());
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private static void Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("A backlog flow item ends too soon.");
        }
    }
}
