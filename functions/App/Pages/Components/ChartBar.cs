namespace Delivery.Functions.App.Pages.Components;

/// <summary>
/// One bar of a chart: its label, its value, where it links (a filtered list), if anywhere, and how the value is
/// written when not as a plain number (money, say).
/// </summary>
public sealed record ChartBar(string Label, int Value, string? Href = null, string? ValueText = null)
{
    public string Shown => ValueText ?? Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
