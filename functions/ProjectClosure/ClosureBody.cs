using Delivery.Functions.App.Projects;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Closure;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Raid;

namespace Delivery.Functions.ProjectClosure;

/// <summary>
/// A closure request as sent to <c>POST /api/projects/{id}/closure</c>: a summary, the checklist (each confirmed, and
/// who the service was handed over to) and the new owner of every open risk and issue.
/// </summary>
public sealed record ClosureBody(string? Summary, ChecklistBody? Checklist, IReadOnlyList<HandoverBody?>? Handover)
{
    public static ClosureBody Empty { get; } = new(null, null, null);

    /// <summary>The checklist's confirmations, named as the API names them, with what each says.</summary>
    public static readonly (string Field, string Says)[] ChecklistItems =
    [
        ("deliverablesAccepted", "Confirm the deliverables were accepted"),
        ("handoverConfirmed", "Confirm handover to support or business as usual"),
        ("usersTrained", "Confirm end users were trained"),
        ("supplierContractsClosed", "Confirm supplier contracts were closed"),
        ("lessonsLogged", "Confirm lessons were logged"),
    ];

    /// <summary>Every bad field, and the checklist and handover when there is none.</summary>
    public (ClosureChecklist? Checklist, IReadOnlyList<Handover> Handover, Dictionary<string, string[]> Errors) Read(
        IReadOnlyList<RaidItem> raid, ApprovalPolicy directory, InputLimits limits)
    {
        ArgumentNullException.ThrowIfNull(raid);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        RecordRules.Text("summary", Summary, limits.MaxTextLength, required: true, errors);
        var c = Checklist ?? new ChecklistBody(null, null, null, null, null, null);
        bool?[] confirmed = [c.DeliverablesAccepted, c.HandoverConfirmed, c.UsersTrained, c.SupplierContractsClosed, c.LessonsLogged];
        for (var i = 0; i < ChecklistItems.Length; i++)
        {
            if (confirmed[i] != true)
            {
                errors[$"checklist.{ChecklistItems[i].Field}"] = [ChecklistItems[i].Says + " before asking to close the project."];
            }
        }

        RecordRules.Text("checklist.handedOverTo", c.HandedOverTo, limits.MaxNameLength, required: true, errors);
        var open = raid.Where(i => i.IsOpen && i.Kind is RaidKind.Risk or RaidKind.Issue).ToList();
        var given = (Handover ?? []).Where(h => h is not null).ToList();
        var handover = new List<Handover>();
        foreach (var (item, index) in open.Select((item, index) => (item, index)))
        {
            var match = given.FirstOrDefault(h => h!.ItemId == item.ItemId);
            if (match is null)
            {
                errors[$"handover[{index}].newOwnerId"] = [$"Name who takes over {item.Kind.ToString().ToLowerInvariant()} {item.ItemId}, \"{item.Title}\"."];
                continue;
            }

            RecordRules.Person($"handover[{index}].newOwnerId", match.NewOwnerId, directory, errors);
            if (directory.Find(match.NewOwnerId) is { } owner)
            {
                handover.Add(new Handover(item.ItemId, item.Kind.ToString(), item.Title, owner.Id));
            }
        }

        foreach (var stray in given.Where(h => !open.Any(i => i.ItemId == h!.ItemId)))
        {
            errors["handover"] = [$"{stray!.ItemId} is not an open risk or issue of this project. Open: {(open.Count == 0 ? "none" : string.Join(", ", open.Select(i => i.ItemId)))}."];
        }

        return errors.Count > 0
            ? (null, [], errors)
            : (new ClosureChecklist(true, true, true, true, true, c.HandedOverTo!.Trim()), handover, errors);
    }
}

public sealed record ChecklistBody(bool? DeliverablesAccepted, bool? HandoverConfirmed, bool? UsersTrained, bool? SupplierContractsClosed, bool? LessonsLogged, string? HandedOverTo);

public sealed record HandoverBody(string? ItemId, string? NewOwnerId);
