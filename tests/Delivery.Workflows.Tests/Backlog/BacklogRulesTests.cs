using Delivery.Workflows.Backlog;

namespace Delivery.Workflows.Tests.Backlog;

/// <summary>The readiness rules and a story's flow read from its transitions, without storage.</summary>
public sealed class BacklogRulesTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("As a parent, I want to apply online, so that I need not post a form", true)]
    [InlineData("as an officer i want a list of late applications so that I can chase them", true)]
    [InlineData("As a resident, I need to report a pothole, so that it is fixed", true)]
    [InlineData("  As a parent,\nI want reminders,\nso that I do not miss the deadline.", true)]
    [InlineData("Parents should apply online", false)]
    [InlineData("As a parent, I want to apply online", false)]
    [InlineData("I want to apply online, so that I need not post a form", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void A_user_need_is_As_a_I_want_so_that(string? text, bool expected) => Assert.Equal(expected, Readiness.IsUserNeed(text));

    [Fact]
    public void Readiness_names_everything_missing_and_epics_are_never_ready()
    {
        const string need = "As a parent, I want to apply online, so that I need not post a form";
        Assert.Equal(["userNeed", "acceptanceCriteria"], Readiness.Missing(StoryKind.Story, null, []).Keys.ToArray());
        Assert.Equal(["acceptanceCriteria"], Readiness.Missing(StoryKind.Story, need, [" "]).Keys.ToArray());
        Assert.Equal(["userNeed"], Readiness.Missing(StoryKind.Story, "Apply online", ["Saves as you go"]).Keys.ToArray());
        Assert.Empty(Readiness.Missing(StoryKind.Story, need, ["Saves as you go"]));
        Assert.Equal(["kind"], Readiness.Missing(StoryKind.Epic, need, ["Saves as you go"]).Keys.ToArray());
    }

    [Fact]
    public void A_story_starts_when_first_in_progress_and_finishes_when_last_done()
    {
        StoryTransition T(StoryStatus s, double days) => new(s, Day0.AddDays(days));

        var done = StoryFlow.Of([T(StoryStatus.Backlog, 0), T(StoryStatus.Ready, 1), T(StoryStatus.InProgress, 2), T(StoryStatus.Done, 5.5)]);
        var reopened = StoryFlow.Of([T(StoryStatus.Backlog, 0), T(StoryStatus.InProgress, 2), T(StoryStatus.Done, 3), T(StoryStatus.InProgress, 4)]);
        var redone = StoryFlow.Of([T(StoryStatus.Done, 6), T(StoryStatus.InProgress, 2), T(StoryStatus.Backlog, 0), T(StoryStatus.Backlog, 3), T(StoryStatus.InProgress, 4)]);
        var straightToDone = StoryFlow.Of([T(StoryStatus.Backlog, 0), T(StoryStatus.Done, 1)]);
        var backToBacklog = StoryFlow.Of([T(StoryStatus.Backlog, 0), T(StoryStatus.InProgress, 1), T(StoryStatus.Backlog, 2)]);

        Assert.Equal((Day0.AddDays(2), Day0.AddDays(5.5), false, 3.5), (done.StartedAt, done.FinishedAt, done.InProgress, done.CycleTimeDays));
        Assert.Equal((Day0.AddDays(2), (DateTimeOffset?)null, true), (reopened.StartedAt, reopened.FinishedAt, reopened.InProgress));
        Assert.Equal((Day0.AddDays(2), Day0.AddDays(6), 4d), (redone.StartedAt, redone.FinishedAt, redone.CycleTimeDays));
        Assert.Equal(((DateTimeOffset?)null, Day0.AddDays(1), (double?)null), (straightToDone.StartedAt, straightToDone.FinishedAt, straightToDone.CycleTimeDays));
        Assert.False(backToBacklog.InProgress);
        Assert.Null(backToBacklog.FinishedAt);
        Assert.Equal(StoryFlow.None, StoryFlow.Of([]));
    }
}
