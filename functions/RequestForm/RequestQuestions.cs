namespace Delivery.Functions.RequestForm;

/// <summary>
/// The request form's question pages, in order: one question or a small group each, as GOV.UK's question pages
/// are. Each names the API fields it asks for, so the intake's errors for those fields show on that page.
/// </summary>
public static class RequestQuestions
{
    public const string Base = "/api/request";
    public const string Check = "check";

    /// <summary>The pages before check your answers; benefits and risks are lists, one entry per page.</summary>
    public static IReadOnlyList<string> Order { get; } = ["about", "category", "sponsor", "cost", "dates", "benefits", "risks", "attachments"];

    public static bool IsList(string slug) => slug is "benefits" or "risks";

    public static bool Exists(string slug) => Order.Contains(slug) || slug == Check;

    public static string Href(string slug, int index = 0, bool fromCheck = false) =>
        $"{Base}/{slug}" + (IsList(slug) ? $"/{index}" : string.Empty) + (fromCheck ? "?from=check" : string.Empty);

    /// <summary>Where Continue goes: back to check your answers when the person came from there, else the next page.</summary>
    public static string Next(string slug, bool fromCheck) =>
        fromCheck ? Href(Check) : Href(Order.SkipWhile(s => s != slug).Skip(1).FirstOrDefault() ?? Check);

    public static string Previous(string slug, int index) =>
        IsList(slug) && index > 0 ? Href(slug, index - 1)
        : Order.TakeWhile(s => s != slug).LastOrDefault() is { } before ? Href(before)
        : "/api/start";

    /// <summary>The fields the page asks for, as the form posts them.</summary>
    public static IReadOnlyList<string> Fields(string slug, int index) => slug switch
    {
        "about" => ["title", "description"],
        "category" => ["category"],
        "sponsor" => ["sponsor.email"],
        "cost" => ["estimatedCost.capital", "estimatedCost.revenue"],
        "dates" => [.. DateParts("targetStart"), .. DateParts("targetEnd")],
        "benefits" => [$"benefits[{index}].measure", $"benefits[{index}].baseline", $"benefits[{index}].target", .. DateParts($"benefits[{index}].date"), $"benefits[{index}].owner"],
        "risks" => [$"risks[{index}].description", $"risks[{index}].probability", $"risks[{index}].impact"],
        _ => [],
    };

    /// <summary>Whether an intake error about <paramref name="field"/> belongs on this page.</summary>
    public static bool Owns(string slug, int index, string field) => slug switch
    {
        "cost" => field.StartsWith("estimatedCost", StringComparison.Ordinal),
        "sponsor" => field.StartsWith("sponsor", StringComparison.Ordinal),
        "dates" => field is "targetStart" or "targetEnd",
        "benefits" => field.StartsWith($"benefits[{index}]", StringComparison.Ordinal) || (index == 0 && field == "benefits"),
        "risks" => field.StartsWith($"risks[{index}]", StringComparison.Ordinal) || (index == 0 && field == "risks"),
        "attachments" => field.StartsWith("attachments", StringComparison.Ordinal),
        _ => Fields(slug, index).Contains(field),
    };

    /// <summary>The page an intake error is answered on, for check your answers' links.</summary>
    public static string PageOf(string field)
    {
        foreach (var slug in Order)
        {
            var index = IsList(slug) ? SubmitProject.RequestFields.FromValues(new Dictionary<string, string> { [field] = string.Empty }).IndexesOf(slug) is [var first, ..] ? first : 0 : 0;
            if (Owns(slug, index, field))
            {
                return Href(slug, index, fromCheck: true) + "#" + ElementId(field);
            }
        }

        return Href(Check);
    }

    /// <summary>The element an error links to: a date's day box, a list's first entry, else the field itself.</summary>
    public static string ElementId(string field) => field switch
    {
        "targetStart" or "targetEnd" => field + "-day",
        "benefits" => "benefits[0].measure",
        "risks" => "risks[0].description",
        "estimatedCost" => "estimatedCost.capital",
        _ when field.EndsWith(".date", StringComparison.Ordinal) => field + "-day",
        _ => field,
    };

    /// <summary>Messages by the element they link to; two about one element show the first there (both show inline).</summary>
    public static IReadOnlyDictionary<string, string> Summary(IReadOnlyDictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.GroupBy(e => ElementId(e.Key), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
    }

    public static IEnumerable<string> DateParts(string field) => [field + "-day", field + "-month", field + "-year"];
}
