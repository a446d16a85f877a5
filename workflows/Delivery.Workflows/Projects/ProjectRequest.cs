namespace Delivery.Workflows.Projects;

/// <summary>What someone asks for when they request a project; validated before anything is stored.</summary>
public sealed record ProjectRequest
{
    public required string Title { get; init; }

    public required string Description { get; init; }

    public required ProjectCategory Category { get; init; }

    public required Person Requester { get; init; }

    public required Person Sponsor { get; init; }

    public required EstimatedCost EstimatedCost { get; init; }

    public required DateOnly TargetStart { get; init; }

    public required DateOnly TargetEnd { get; init; }

    public required IReadOnlyList<ExpectedBenefit> Benefits { get; init; }

    public required IReadOnlyList<InitialRisk> Risks { get; init; }
}

/// <summary>A named person with an email address.</summary>
public sealed record Person(string Name, string Email);

/// <summary>Estimated cost in pounds sterling, split as the council's budgets are.</summary>
public sealed record EstimatedCost(decimal Capital, decimal Revenue)
{
    public decimal Total => Capital + Revenue;
}

/// <summary>A benefit the project is expected to bring, measured from a baseline to a target by a date.</summary>
public sealed record ExpectedBenefit(string Measure, string Baseline, string Target, DateOnly Date, string Owner);

/// <summary>A risk known at request time; score = probability × impact (1–25).</summary>
public sealed record InitialRisk(string Description, int Probability, int Impact)
{
    public int Score => Probability * Impact;
}
