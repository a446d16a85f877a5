using System.Globalization;

namespace Delivery.Functions.App.Pages.Components;

/// <summary>A point of a <see cref="PercentileScatter"/>: when an item finished and how long it took.</summary>
public sealed record ScatterPoint(DateTimeOffset At, double Days);

/// <summary>A point of a <see cref="RunChart"/>: a period's label and its figure (a count on the flow pages).</summary>
public sealed record RunPoint(string Label, double Value);

/// <summary>How the flow pages write durations and periods, the same on every chart and table.</summary>
public static class FlowText
{
    public static string Days(double? days) => days is { } d ? (d == 1 ? "1 day" : $"{d.ToString("0.##", CultureInfo.InvariantCulture)} days") : "none";

    public static string Plural(int count, string noun) => Plural(count, noun, noun + "s");

    public static string Plural(int count, string noun, string nouns) => count == 1 ? $"1 {noun}" : $"{count} {nouns}";

    public static DateTimeOffset MonthStart(string month) => DateTimeOffset.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static string MonthName(string month) => MonthStart(month).ToString("MMMM yyyy", CultureInfo.InvariantCulture);
}
