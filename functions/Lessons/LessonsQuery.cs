using Delivery.Workflows.Lessons;

namespace Delivery.Functions.Lessons;

/// <summary>
/// The lessons log's search from the query string (<c>?category=Supplier&amp;q=late delivery</c>), as entered (to
/// show it again) and as read: an unknown category or an over-long search is an error naming the field.
/// </summary>
public sealed record LessonsQuery(string? Category, string? Search)
{
    public const int MaxSearchLength = 200;

    public static LessonsQuery From(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new(Value(query, "category"), Value(query, "q"));
    }

    public (LessonCategory? Category, string? Search, Dictionary<string, string> Errors) Read()
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        LessonCategory? category = null;
        if (Category is not null)
        {
            if (Enum.TryParse<LessonCategory>(Category, ignoreCase: true, out var c) && Enum.IsDefined(c) && !int.TryParse(Category, out _))
            {
                category = c;
            }
            else
            {
                errors["category"] = "Select a category from the list";
            }
        }

        if (Search is { Length: > MaxSearchLength })
        {
            errors["q"] = $"The search must be {MaxSearchLength} characters or fewer";
        }

        return (category, errors.ContainsKey("q") ? null : Search, errors);
    }

    private static string? Value(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;
}
