using System.Globalization;
using System.Text.Json.Serialization;
using Delivery.Workflows.Approvals;
using Delivery.Workflows.Projects;
using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;

namespace Delivery.Workflows.Benefits;

/// <summary>
/// One review of one benefit after closure (review 1 at 3 months, 2 at 6, 3 at 12 by default), in the project's
/// partition with an id from the benefit and the review number, so opening it twice finds the first. The benefit
/// owner records the actual measure; a review stays recordable after later ones open (a late review 1 can still be
/// recorded while review 2 is open).
/// </summary>
public sealed record BenefitReview : IProjectDocument<BenefitReview>
{
    public const string DocumentType = "benefit-review";

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string ProjectId { get; init; }

    public string Type { get; init; } = DocumentType;

    public required string BenefitId { get; init; }

    public required int Review { get; init; }

    public required DateTimeOffset DueAt { get; init; }

    public required DateTimeOffset OpenedAt { get; init; }

    /// <summary>Sign-in id of the benefit owner who records it (the sponsor when the request's owner is nobody in the directory).</summary>
    public required string OwnerId { get; init; }

    public decimal? Actual { get; init; }

    public DateOnly? MeasuredOn { get; init; }

    public string? Comment { get; init; }

    public string? RecordedBy { get; init; }

    public DateTimeOffset? RecordedAt { get; init; }

    public DateTimeOffset? RemindedAt { get; init; }

    public DateTimeOffset? EscalatedAt { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    [JsonIgnore]
    public bool Recorded => Actual is not null;

    public BenefitReview WithETag(string? etag) => this with { ETag = etag };

    public static string IdFor(string benefitId, int review) => $"benefit-review~{benefitId}~{review.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>An actual measured at a review against the business case's baseline and target.</summary>
public static class BenefitOutcome
{
    /// <summary>Share of the promised improvement reached: (actual − baseline) ÷ (target − baseline) × 100, to 1 place.</summary>
    public static decimal AchievedPercent(decimal baseline, decimal target, decimal actual) =>
        Math.Round((actual - baseline) / (target - baseline) * 100m, 1, MidpointRounding.AwayFromZero);

    /// <summary>How far (in the measure's units) the actual falls short of the target in the promised direction; 0 when met.</summary>
    public static decimal Shortfall(decimal baseline, decimal target, decimal actual) =>
        Math.Max(0m, target > baseline ? target - actual : actual - target);
}

/// <summary>
/// When benefits reviews fall due: <see cref="ReviewMonths"/> after closure (default 3, 6 and 12), unless
/// <see cref="ReviewOffsets"/> is set (for tests and short trials); a reminder <see cref="ReminderAfter"/> a review
/// opens and an escalation to the sponsor <see cref="EscalateAfter"/> after the reminder.
/// </summary>
public sealed record BenefitReviewPolicy
{
    public IReadOnlyList<int> ReviewMonths { get; init; } = [3, 6, 12];

    public IReadOnlyList<TimeSpan> ReviewOffsets { get; init; } = [];

    public TimeSpan ReminderAfter { get; init; } = TimeSpan.FromDays(14);

    public TimeSpan EscalateAfter { get; init; } = TimeSpan.FromDays(14);

    public IReadOnlyList<DateTimeOffset> DueDates(DateTimeOffset closedAt) => ReviewOffsets.Count > 0
        ? ReviewOffsets.Select(o => closedAt + o).ToList()
        : ReviewMonths.Select(m => closedAt.AddMonths(m)).ToList();

    /// <summary>
    /// The benefit owner: the directory person the request's owner names (by sign-in id, email or name), else the
    /// sponsor, who is accountable for the benefits.
    /// </summary>
    public static Approver? OwnerOf(ExpectedBenefit benefit, ProjectDocument project, ApprovalPolicy directory)
    {
        ArgumentNullException.ThrowIfNull(benefit);
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(directory);
        var named = benefit.Owner?.Trim();
        return directory.Find(named) ?? directory.FindByEmail(named)
            ?? directory.People.FirstOrDefault(p => string.Equals(p.Name, named, StringComparison.OrdinalIgnoreCase))
            ?? directory.FindByEmail(project.Request.Sponsor.Email);
    }
}

/// <summary>The project's benefits reviews, in its own partition.</summary>
public sealed class BenefitReviewRepository(Database database)
{
    private readonly Container _container = database.GetContainer(DataContainers.Projects);
    private readonly ProjectPartition<BenefitReview> _reviews = new(database);

    public Task<BenefitReview> CreateOrGetAsync(BenefitReview review, CancellationToken cancellationToken) => _reviews.CreateOrGetAsync(review, cancellationToken);

    public Task<BenefitReview?> GetAsync(string projectId, string benefitId, int review, CancellationToken cancellationToken) =>
        _reviews.GetAsync(BenefitReview.IdFor(benefitId, review), projectId, cancellationToken);

    /// <summary>Read-modify-write under the ETag; <paramref name="change"/> returns null to leave it as it is.</summary>
    public Task<BenefitReview?> UpdateAsync(string projectId, string id, Func<BenefitReview, BenefitReview?> change, CancellationToken cancellationToken) =>
        _reviews.UpdateAsync(id, projectId, change, cancellationToken);

    public async Task<IReadOnlyList<BenefitReview>> ListAsync(string projectId, CancellationToken cancellationToken) =>
        (await PartitionQuery.ListAsync<BenefitReview>(_container, projectId, BenefitReview.DocumentType, cancellationToken))
            .OrderBy(r => r.Review).ThenBy(r => r.BenefitId, StringComparer.Ordinal).ToList();
}
