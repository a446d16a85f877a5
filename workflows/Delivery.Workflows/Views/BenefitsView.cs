using System.Text.Json.Serialization;
using Delivery.Workflows.Benefits;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Views;

/// <summary>A closed project's benefits report as the portfolio keeps it, one row per project in the <c>benefits</c> view partition.</summary>
public sealed record BenefitsRow
{
    public const string DocumentType = "benefits-row";

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public string ViewId { get; init; } = ViewIds.Benefits;

    public string Type { get; init; } = DocumentType;

    public required ProjectBenefitsReport Report { get; init; }
}

/// <summary>The portfolio's benefits report: every project's report and the totals across them.</summary>
public sealed record PortfolioBenefitsReport(IReadOnlyList<ProjectBenefitsReport> Projects)
{
    public int ReviewsOpened => Projects.Sum(p => p.ReviewsOpened);

    public int ReviewsRecorded => Projects.Sum(p => p.ReviewsRecorded);

    public int ReviewsOutstanding => Projects.Sum(p => p.ReviewsOutstanding);

    public int BenefitsMeasured => Projects.Sum(p => p.BenefitsMeasured);

    public int BenefitsMetTarget => Projects.Sum(p => p.BenefitsMetTarget);

    /// <summary>The mean over every measured benefit of every project (not the mean of the projects' means).</summary>
    public decimal? MeanAchievedPercent => ProjectBenefitsReport.Mean(Projects.SelectMany(p => p.Benefits).Select(b => b.LatestAchievedPercent));
}

/// <summary>
/// Closed projects' benefits reports in the <c>benefits</c> partition of the views container, written when a review
/// opens, is chased or recorded and when the reviews finish, and restored by the view rebuild; the portfolio's
/// benefits report and the weekly digest read this one partition.
/// </summary>
public sealed class BenefitsView(Database database, BenefitReviewRepository reviews, BenefitRepository forecasts)
{
    private static readonly PartitionKey Partition = new(ViewIds.Benefits);
    private readonly Container _views = database.GetContainer(DataContainers.Views);

    /// <summary>Rewrites the project's row from its partition; a project with no review yet has none.</summary>
    public async Task<ProjectBenefitsReport?> RefreshAsync(ProjectDocument project, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        var opened = await reviews.ListAsync(project.ProjectId, cancellationToken);
        if (opened.Count == 0)
        {
            return null;
        }

        var report = ProjectBenefitsReport.For(project, opened, await forecasts.ListAsync(project.ProjectId, cancellationToken));
        await _views.UpsertItemAsync(new BenefitsRow { Id = project.ProjectId, Report = report }, Partition, cancellationToken: cancellationToken);
        return report;
    }

    public async Task<PortfolioBenefitsReport> ReadAsync(CancellationToken cancellationToken)
    {
        // The partition key is named in the query too: the local Cosmos server refuses a query without it.
        var query = new QueryDefinition("SELECT * FROM c WHERE c.viewId = @viewId AND c.type = @type")
            .WithParameter("@viewId", ViewIds.Benefits)
            .WithParameter("@type", BenefitsRow.DocumentType);
        var rows = new List<BenefitsRow>();
        var options = new QueryRequestOptions { PartitionKey = Partition, MaxItemCount = 500 };
        string? continuation = null;
        do
        {
            var page = await PartitionQuery.WithLookupRetryAsync(
                async () =>
                {
                    using var iterator = _views.GetItemQueryIterator<BenefitsRow>(query, continuation, options);
                    return await iterator.ReadNextAsync(cancellationToken);
                },
                cancellationToken);
            continuation = page.ContinuationToken;
            rows.AddRange(page);
        }
        while (continuation is not null);

        return new PortfolioBenefitsReport(rows.Select(r => r.Report).OrderBy(r => r.Title, StringComparer.OrdinalIgnoreCase).ToList());
    }
}
