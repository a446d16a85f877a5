using Delivery.Workflows.Approvals;
using Delivery.Workflows.Raid;

namespace Delivery.Functions.ProjectRaid;

/// <summary>A RAID item as the API shows it: its content with people's names, no storage fields.</summary>
public sealed record RaidItemResponse(
    string ItemId,
    RaidKind Kind,
    string Title,
    string? Description,
    PersonRef Owner,
    RaidStatus Status,
    string? Cause,
    string? Event,
    string? Effect,
    int? Probability,
    int? Impact,
    int? Score,
    RiskProximity? Proximity,
    RiskResponse? Response,
    IReadOnlyList<RaidActionResponse> Actions,
    DateOnly? LastReviewed,
    IssueType? IssueType,
    RaidLevel? Priority,
    RaidLevel? Severity,
    DateOnly? NeededBy,
    int Version,
    DateTimeOffset RaisedAt,
    DateTimeOffset UpdatedAt)
{
    public static RaidItemResponse From(RaidItem item, ApprovalPolicy directory)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(directory);
        return new RaidItemResponse(
            item.ItemId, item.Kind, item.Title, item.Description, PersonRef.Of(item.OwnerId, directory), item.Status,
            item.Cause, item.Event, item.Effect, item.Probability, item.Impact, item.Score, item.Proximity, item.Response,
            item.Actions.Select(a => new RaidActionResponse(a.ActionId, a.Description, PersonRef.Of(a.ActioneeId, directory), a.Due, a.Done)).ToList(),
            item.LastReviewed, item.IssueType, item.Priority, item.Severity, item.NeededBy, item.Version, item.RaisedAt, item.UpdatedAt);
    }
}

public sealed record RaidActionResponse(string ActionId, string Description, PersonRef Actionee, DateOnly Due, bool Done);

/// <summary>A person named on a record: their directory id and name (the id alone if they have left the directory).</summary>
public sealed record PersonRef(string Id, string Name)
{
    public static PersonRef Of(string id, ApprovalPolicy directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return new PersonRef(id, directory.Find(id)?.Name ?? id);
    }
}
