using System.Globalization;
using Delivery.Functions.App.Pages;
using Delivery.Functions.ProjectRaid;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Raid;

namespace Delivery.Functions.RaidPage;

/// <summary>
/// The risk form's fields and the API's <see cref="RaidBody"/>: a stored risk shown in the fields, the fields read
/// into the body the API takes (so the API's own step judges them), and the API's error keys and words turned into
/// the page's field ids and plain words. Action rows are <c>actions-{row}-{part}</c>; a row left wholly blank is not an
/// action.
/// </summary>
public static class RiskForm
{
    /// <summary>The risk's own fields, in page order; each action row's follow them.</summary>
    public static readonly string[] Fields = ["title", "description", "ownerId", "cause", "event", "effect", "probability", "impact", "proximity", "response", "status", "lastReviewed"];

    public static readonly string[] ActionParts = ["description", "actioneeId", "due", "done"];

    /// <summary>Each action row's fields in page order, its hidden id first.</summary>
    private static readonly string[] RowFields = ["actionId", .. ActionParts];

    private static readonly string[] TextRowFields = ["actionId", "description", "actioneeId", "done"];

    /// <summary>The most action rows a form may send (the API's list limit, and one blank row to add another).</summary>
    public static int MaxRows(InputLimits limits) => (limits?.MaxListItems ?? 0) + 1;

    public static string ActionField(int row, string part) => $"actions-{row}-{part}";

    /// <summary>A stored risk's fields, with one blank action row after its actions; a new risk's defaults.</summary>
    public static (Dictionary<string, string> Values, int Rows) Show(RaidItem? risk)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["status"] = nameof(RaidStatus.Open) };
        if (risk is null)
        {
            return (values, 1);
        }

        values["title"] = risk.Title;
        values["description"] = risk.Description ?? string.Empty;
        values["ownerId"] = risk.OwnerId;
        values["cause"] = risk.Cause ?? string.Empty;
        values["event"] = risk.Event ?? string.Empty;
        values["effect"] = risk.Effect ?? string.Empty;
        values["probability"] = risk.Probability?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
        values["impact"] = risk.Impact?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
        values["proximity"] = risk.Proximity?.ToString() ?? string.Empty;
        values["response"] = risk.Response?.ToString() ?? string.Empty;
        values["status"] = risk.Status.ToString();
        values["lastReviewed"] = FormDates.Typed(risk.LastReviewed);
        for (var row = 0; row < risk.Actions.Count; row++)
        {
            var action = risk.Actions[row];
            values[ActionField(row, "actionId")] = action.ActionId;
            values[ActionField(row, "description")] = action.Description;
            values[ActionField(row, "actioneeId")] = action.ActioneeId;
            values[ActionField(row, "due")] = FormDates.Typed(action.Due);
            values[ActionField(row, "done")] = action.Done ? "true" : string.Empty;
        }

        return (values, risk.Actions.Count + 1);
    }

    /// <summary>
    /// The posted fields (to show again), the API body, the fields the body's types cannot hold (page words), and
    /// for each action sent the form row it came from, so the API's <c>actions[i]</c> errors land on their row.
    /// </summary>
    public static (Dictionary<string, string> Values, int Rows, RaidBody Body, Dictionary<string, string[]> Unreadable, List<int> RowOfAction) Read(IFormCollection form, RaidItem? stored, InputLimits limits)
    {
        ArgumentNullException.ThrowIfNull(form);
        var values = Fields.Where(f => f != "lastReviewed").ToDictionary(f => f, f => form[f].ToString(), StringComparer.Ordinal);
        var unreadable = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var probability = Number(values["probability"], "probability", "Choose the probability, from 1 (very low) to 5 (very high).", unreadable);
        var impact = Number(values["impact"], "impact", "Choose the impact, from 1 (very low) to 5 (very high).", unreadable);
        var (typedReview, reviewed, badReview) = FormDates.Read(form, "lastReviewed");
        values["lastReviewed"] = typedReview;
        if (badReview)
        {
            unreadable["lastReviewed"] = [FormDates.NotARealDate("The date last reviewed")];
        }

        var rows = 0;
        while (rows < MaxRows(limits) && form.ContainsKey(ActionField(rows, "description")))
        {
            rows++;
        }

        var actions = new List<RaidActionBody>();
        var rowOfAction = new List<int>();
        var usedIds = new HashSet<string>((stored?.Actions ?? []).Select(a => a.ActionId), StringComparer.Ordinal);
        for (var row = 0; row < rows; row++)
        {
            foreach (var part in TextRowFields)
            {
                values[ActionField(row, part)] = form[ActionField(row, part)].ToString();
            }

            var (typedDue, due, badDue) = FormDates.Read(form, ActionField(row, "due"));
            values[ActionField(row, "due")] = typedDue;
            var done = values[ActionField(row, "done")] == "true";
            if (string.IsNullOrWhiteSpace(values[ActionField(row, "description")]) && string.IsNullOrWhiteSpace(values[ActionField(row, "actioneeId")]) && typedDue.Length == 0 && !done)
            {
                continue;
            }

            if (badDue)
            {
                unreadable[ActionField(row, "due")] = [FormDates.NotARealDate($"The date action {row + 1} is due")];
            }

            // A new row gets the next free id, so a second save of the same form finds the same action again.
            var actionId = values[ActionField(row, "actionId")];
            if (actionId.Length == 0)
            {
                actionId = NextActionId(usedIds);
            }

            usedIds.Add(actionId);
            actions.Add(new RaidActionBody(actionId, Blank(values[ActionField(row, "description")]), Blank(values[ActionField(row, "actioneeId")]), due, done));
            rowOfAction.Add(row);
        }

        var body = new RaidBody(
            nameof(RaidKind.Risk), Blank(values["title"]), Blank(values["description"]), Blank(values["ownerId"]), Blank(values["status"]),
            Blank(values["cause"]), Blank(values["event"]), Blank(values["effect"]), probability, impact, Blank(values["proximity"]), Blank(values["response"]),
            actions, reviewed, null, null, null, null);
        return (values, Math.Max(rows, 1), body, unreadable, rowOfAction);
    }

    /// <summary>The API's errors keyed by the page's field ids in page order, each in plain words.</summary>
    public static Dictionary<string, string> Errors(IReadOnlyDictionary<string, string[]> apiErrors, IReadOnlyList<int> rowOfAction, int rows)
    {
        ArgumentNullException.ThrowIfNull(apiErrors);
        ArgumentNullException.ThrowIfNull(rowOfAction);
        var byField = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, messages) in apiErrors)
        {
            var field = PageField(key, rowOfAction);
            byField[field] = RiskFormWords.For(field, messages[0]);
        }

        var order = Fields.Concat(Enumerable.Range(0, rows).SelectMany(r => RowFields.Select(p => ActionField(r, p)))).ToList();
        return byField.OrderBy(e => order.IndexOf(e.Key) is var i and >= 0 ? i : int.MaxValue).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
    }

    /// <summary>The page's field for an API error key: <c>actions[2].due</c> is the due date of the row that action came from.</summary>
    private static string PageField(string key, IReadOnlyList<int> rowOfAction)
    {
        if (key == "actions")
        {
            return ActionField(0, "description");
        }

        if (!key.StartsWith("actions[", StringComparison.Ordinal))
        {
            return key;
        }

        var close = key.IndexOf(']', StringComparison.Ordinal);
        var index = int.Parse(key.AsSpan(8, close - 8), CultureInfo.InvariantCulture);
        return ActionField(index < rowOfAction.Count ? rowOfAction[index] : index, key[(close + 2)..]);
    }

    private static int? Number(string value, string field, string message, Dictionary<string, string[]> unreadable)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        unreadable[field] = [message];
        return null;
    }

    private static string NextActionId(HashSet<string> used)
    {
        var n = used.Count + 1;
        while (used.Contains($"a{n}"))
        {
            n++;
        }

        return $"a{n}";
    }

    private static string? Blank(string value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
