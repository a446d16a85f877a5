using Delivery.Workflows.Approvals;
using Delivery.Workflows.Projects;

namespace Delivery.Functions.SubmitProject;

/// <summary>
/// Turns submitted fields into a <see cref="ProjectRequest"/>, checking every rule and naming every bad field.
/// </summary>
/// <remarks>
/// The requester is the signed-in person, never a field: otherwise anyone could send the receipt, and everything
/// after it, to a stranger. The sponsor must be someone in the council's directory of people
/// (<c>Approvals__People</c>), identified by email address; their name is the directory's.
/// </remarks>
public static class ProjectRequestReader
{
    public static ProjectRequest? Read(RequestFields fields, DateOnly today, InputLimits limits, Person? signedIn, ApprovalPolicy directory, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(directory);
        var read = new FieldReader(fields, errors, limits, today);
        var title = read.Text("title", "a project title", 150);
        var description = read.Text("description", "a description", 4000);
        var category = ReadCategory(fields, errors);
        foreach (var given in fields.Values.Keys.Where(k => k == "requester" || k.StartsWith("requester.", StringComparison.Ordinal)))
        {
            errors.Add(given, "The requester is you, the signed-in person: leave requester out of the request.");
        }

        if (signedIn is null)
        {
            errors.Add("requester", "Your sign-in does not include an email address, so we could not send you a receipt. Ask the service desk to add one to your account.");
        }

        var sponsor = ReadSponsor(fields, read, directory, errors);
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
            Requester = signedIn!,
            Sponsor = sponsor,
            EstimatedCost = cost,
            TargetStart = start!.Value,
            TargetEnd = end!.Value,
            Benefits = benefits,
            Risks = risks,
        };
    }

    private static Person ReadSponsor(RequestFields fields, FieldReader read, ApprovalPolicy directory, FieldErrors errors)
    {
        if (fields["sponsor.name"] is { Length: > 100 })
        {
            errors.Add("sponsor.name", "The sponsor's name must be 100 characters or fewer.");
        }

        var email = read.Email("sponsor.email", "the sponsor's email address");
        if (email.Length == 0 || !FieldReader.IsEmail(email))
        {
            return new Person(string.Empty, email);
        }

        if (directory.FindByEmail(email) is not { } known)
        {
            errors.Add("sponsor.email", "The sponsor must be someone the service knows: check their email address, or ask the delivery team to add them.");
            return new Person(string.Empty, email);
        }

        return new Person(known.Name, known.Email);
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
