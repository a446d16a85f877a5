using Delivery.Workflows.Projects;

namespace Delivery.Functions.SubmitProject;

/// <summary>
/// Turns submitted fields into a <see cref="ProjectRequest"/>, checking every rule and naming every bad field.
/// </summary>
public static class ProjectRequestReader
{
    public static ProjectRequest? Read(RequestFields fields, DateOnly today, InputLimits limits, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var read = new FieldReader(fields, errors, limits, today);
        var title = read.Text("title", "a project title", 150);
        var description = read.Text("description", "a description", 4000);
        var category = ReadCategory(fields, errors);
        var requester = new Person(read.Text("requester.name", "the requester's name", 100), read.Email("requester.email", "the requester's email address"));
        var sponsor = new Person(read.Text("sponsor.name", "the sponsor's name", 100), read.Email("sponsor.email", "the sponsor's email address"));
        var cost = new EstimatedCost(read.Money("estimatedCost.capital", "the capital cost"), read.Money("estimatedCost.revenue", "the revenue cost"));
        if (cost.Total <= 0 && fields["estimatedCost.capital"] is not null && fields["estimatedCost.revenue"] is not null)
        {
            errors.Add("estimatedCost", "The estimated cost must be more than £0 in total.");
        }

        var start = read.Date("targetStart", "the target start date");
        var end = read.Date("targetEnd", "the target end date");
        if (start is { } s && s < today)
        {
            errors.Add("targetStart", "The target start date must be today or in the future.");
        }

        if (start is { } s2 && end is { } e && e <= s2)
        {
            errors.Add("targetEnd", "The target end date must be after the target start date.");
        }

        var benefits = ReadBenefits(fields, read, errors, start, limits.MaxListItems);
        var risks = ReadRisks(fields, read, errors, limits.MaxListItems);
        return errors.Any ? null : new ProjectRequest
        {
            Title = title,
            Description = description,
            Category = category!.Value,
            Requester = requester,
            Sponsor = sponsor,
            EstimatedCost = cost,
            TargetStart = start!.Value,
            TargetEnd = end!.Value,
            Benefits = benefits,
            Risks = risks,
        };
    }

    private static ProjectCategory? ReadCategory(RequestFields fields, FieldErrors errors)
    {
        var raw = fields["category"]?.Trim().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (string.IsNullOrEmpty(raw))
        {
            errors.Add("category", "Select the kind of project: technology project or digital service.");
            return null;
        }

        if (!Enum.TryParse<ProjectCategory>(raw, ignoreCase: true, out var category) || !Enum.IsDefined(category) || raw.All(char.IsDigit))
        {
            errors.Add("category", "The kind of project must be technology-project or digital-service.");
            return null;
        }

        return category;
    }

    private static List<ExpectedBenefit> ReadBenefits(RequestFields fields, FieldReader read, FieldErrors errors, DateOnly? start, int max)
    {
        var indexes = fields.IndexesOf("benefits");
        if (indexes.Count == 0)
        {
            errors.Add("benefits", "Add at least one expected benefit.");
        }
        else if (indexes.Count > max)
        {
            errors.Add("benefits", $"Add no more than {max} expected benefits.");
        }

        var benefits = new List<ExpectedBenefit>();
        foreach (var i in indexes.Take(max))
        {
            var p = $"benefits[{i}]";
            var date = read.Date($"{p}.date", "the date the benefit is expected by");
            if (date is { } d && start is { } s && d < s)
            {
                errors.Add($"{p}.date", "The benefit date must be on or after the target start date.");
            }

            benefits.Add(new ExpectedBenefit(
                read.Text($"{p}.measure", "how the benefit is measured", 200),
                read.Text($"{p}.baseline", "the baseline", 200),
                read.Text($"{p}.target", "the target", 200),
                date ?? default,
                read.Text($"{p}.owner", "the benefit owner", 100)));
        }

        return benefits;
    }

    private static List<InitialRisk> ReadRisks(RequestFields fields, FieldReader read, FieldErrors errors, int max)
    {
        var indexes = fields.IndexesOf("risks");
        if (indexes.Count > max)
        {
            errors.Add("risks", $"Add no more than {max} risks.");
        }

        return indexes.Take(max).Select(i => new InitialRisk(
            read.Text($"risks[{i}].description", "a description of the risk", 1000),
            read.WholeNumber($"risks[{i}].probability", "the probability", 1, 5),
            read.WholeNumber($"risks[{i}].impact", "the impact", 1, 5))).ToList();
    }
}
