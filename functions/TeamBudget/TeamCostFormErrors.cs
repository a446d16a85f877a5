namespace Delivery.Functions.TeamBudget;

/// <summary>The API's errors for a team cost in the form's words, keyed by the form's field names, one per field.</summary>
internal static class TeamCostFormErrors
{
    /// <param name="api">The errors by the API's field names.</param>
    /// <param name="sent">The form's fields as typed.</param>
    /// <param name="rows">For each role sent to the API, the form row it came from (blank rows are not sent).</param>
    public static Dictionary<string, string> From(Dictionary<string, string[]> api, IReadOnlyDictionary<string, string> sent, IReadOnlyList<int> rows)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (api.TryGetValue("effectiveFrom", out var from))
        {
            errors["effectiveFrom"] = sent["effectiveFrom"].Length == 0 ? "Enter the date the cost applies from"
                : TeamBudgetPageFunction.Date(sent["effectiveFrom"]) is null ? "The date must be a real date, like 1 4 2027" : from[0];
        }

        if (api.TryGetValue("runRate", out var runRate))
        {
            errors["runRate"] = sent["runRate"].Trim().Length > 0 && TeamBudgetPageFunction.Number(sent["runRate"]) is null
                ? "Enter the run rate in pounds, like 16000"
                : api.ContainsKey("roles") ? "Give a run rate or roles with day rates, not both" : runRate[0];
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            foreach (var (part, words) in new[] { ("role", "Enter the role, like User researcher"), ("dayRate", "Enter the day rate in pounds, like 550"), ("daysPerMonth", "Enter the days a month, like 20") })
            {
                if (api.TryGetValue($"roles[{i}].{part}", out var messages))
                {
                    var typed = sent[$"roles-{row}-{part}"].Trim();
                    errors[$"roles-{row}-{part}"] = typed.Length == 0 || (part != "role" && TeamBudgetPageFunction.Number(typed) is null) ? words : messages[0];
                }
            }
        }

        if (errors.Count == 0)
        {
            errors["effectiveFrom"] = "The form was changed: start again from the team budget page";
        }

        return errors;
    }
}
