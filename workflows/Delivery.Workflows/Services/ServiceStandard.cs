namespace Delivery.Workflows.Services;

/// <summary>The 14 points of the GOV.UK Service Standard, numbered as the standard numbers them.</summary>
public static class ServiceStandard
{
    public static readonly IReadOnlyList<string> Points =
    [
        "Understand users and their needs",
        "Solve a whole problem for users",
        "Provide a joined-up experience across all channels",
        "Make the service simple to use",
        "Make sure everyone can use the service",
        "Have a multidisciplinary team",
        "Use agile ways of working",
        "Iterate and improve frequently",
        "Create a secure service which protects users' privacy",
        "Define what success looks like and publish performance data",
        "Choose the right tools and technology",
        "Make new source code open",
        "Use and contribute to open standards, common components and patterns",
        "Operate a reliable service",
    ];

    public static IReadOnlyList<int> All { get; } = Enumerable.Range(1, 14).ToList();

    /// <summary>"9. Create a secure service which protects users' privacy".</summary>
    public static string Title(int point) => point is >= 1 and <= 14 ? $"{point}. {Points[point - 1]}" : point.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
