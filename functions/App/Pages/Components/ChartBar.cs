namespace Delivery.Functions.App.Pages.Components;

/// <summary>One bar of a chart: its label, its value, and where it links (a filtered list), if anywhere.</summary>
public sealed record ChartBar(string Label, int Value, string? Href = null);
