using Delivery.Functions.App.Projects;
using Delivery.Workflows.Projects;

namespace Delivery.Functions.Weeknotes;

/// <summary>
/// A weeknote as sent to <c>PUT /api/projects/{id}/weeknotes/{weeknoteId}</c>: the week (any day of it; kept as its
/// Monday), what we did, what we learned, what's next, and blockers (optional).
/// </summary>
public sealed record WeeknoteBody(DateOnly? WeekOf, string? WhatWeDid, string? WhatWeLearned, string? WhatsNext, string? Blockers)
{
    public static WeeknoteBody Empty { get; } = new(null, null, null, null, null);

    /// <summary>The Monday of the week <paramref name="day"/> falls in.</summary>
    public static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    public Dictionary<string, string[]> Check(string weeknoteId, ProjectDocument project, InputLimits limits, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!ProjectRecordAccess.IsRecordId(weeknoteId))
        {
            errors["weeknoteId"] = ["Give the weeknote an id of 1 to 64 letters, digits, '-' or '_', like 2027-w05."];
        }

        // A note tells a week that has begun: any day of this week or an earlier one.
        RecordRules.Date("weekOf", WeekOf, MondayOf(ProjectRecordAccess.Start(project)), MondayOf(today).AddDays(6), errors, mustNotBeFuture: true);
        RecordRules.Text("whatWeDid", WhatWeDid, limits.MaxTextLength, required: true, errors);
        RecordRules.Text("whatWeLearned", WhatWeLearned, limits.MaxTextLength, required: true, errors);
        RecordRules.Text("whatsNext", WhatsNext, limits.MaxTextLength, required: true, errors);
        RecordRules.Text("blockers", Blockers, limits.MaxTextLength, required: false, errors);
        return errors;
    }
}
