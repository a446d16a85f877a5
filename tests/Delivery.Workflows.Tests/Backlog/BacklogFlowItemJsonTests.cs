using System.Text.Json;
using Delivery.Workflows.Backlog;

namespace Delivery.Workflows.Tests.Backlog;

/// <summary>
/// A team flow item is kept as <c>[storyId, startedAt, finishedAt]</c> with Unix milliseconds, reads back equal to
/// itself, and the named form that documents held before is still read.
/// </summary>
public sealed class BacklogFlowItemJsonTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public void An_item_is_written_as_an_array_of_its_id_and_times_in_milliseconds_and_reads_back_equal()
    {
        var started = new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero).AddTicks(1234567);
        var item = new BacklogFlowItem("DEL-123", started, null);

        var json = JsonSerializer.Serialize(item, Web);

        Assert.Equal("[\"DEL-123\",1772443800123,null]", json);
        Assert.Equal(item, JsonSerializer.Deserialize<BacklogFlowItem>(json, Web));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 9, 30, 0, 123, TimeSpan.Zero), item.StartedAt);
    }

    [Fact]
    public void Times_are_kept_in_UTC_to_the_millisecond_whatever_offset_they_came_with()
    {
        var item = new BacklogFlowItem("S1", new DateTimeOffset(2026, 6, 1, 10, 0, 0, TimeSpan.FromHours(1)), new DateTimeOffset(2026, 6, 3, 9, 0, 0, 999, TimeSpan.Zero).AddTicks(9999));

        Assert.Equal((TimeSpan.Zero, new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero)), (item.StartedAt!.Value.Offset, item.StartedAt.Value));
        Assert.Equal(new DateTimeOffset(2026, 6, 3, 9, 0, 0, 999, TimeSpan.Zero), item.FinishedAt);
    }

    [Fact]
    public void The_named_form_of_earlier_documents_is_still_read()
    {
        const string named = """{"storyId":"S7","startedAt":"2026-01-05T10:00:00+00:00","finishedAt":null,"extra":[1,{"a":2}]}""";

        var item = JsonSerializer.Deserialize<BacklogFlowItem>(named, Web);

        Assert.Equal(new BacklogFlowItem("S7", new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero), null), item);
    }

    [Theory]
    [InlineData("\"S1\"")]
    [InlineData("[\"S1\",1]")]
    [InlineData("[\"S1\",1,2,3]")]
    [InlineData("[null,1,2]")]
    [InlineData("{\"startedAt\":null}")]
    public void Anything_else_is_refused(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<BacklogFlowItem>(json, Web));
}
