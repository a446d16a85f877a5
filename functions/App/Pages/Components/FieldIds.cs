namespace Delivery.Functions.App.Pages.Components;

/// <summary>The ids a field's hint and error message carry, so the field can be described by them.</summary>
public static class FieldIds
{
    /// <summary>The field's <c>aria-describedby</c>: its hint and then its error, or null (no attribute) for neither.</summary>
    public static string? DescribedBy(string field, string? hint, string? error)
    {
        var ids = new List<string>(2);
        if (hint is not null)
        {
            ids.Add(field + "-hint");
        }

        if (error is not null)
        {
            ids.Add(field + "-error");
        }

        return ids.Count == 0 ? null : string.Join(' ', ids);
    }
}
