using System.Text.Json.Serialization;

namespace Delivery.Workflows.Projects;

/// <summary>What kind of work a project is; it decides the lifecycle (see DOMAIN.md).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProjectCategory>))]
public enum ProjectCategory
{
    /// <summary>Device rollouts, system upgrades, procurements, training: Request → … → Benefits reviews.</summary>
    TechnologyProject,

    /// <summary>An agile digital service: Discovery → Alpha → Beta → Live → Retirement.</summary>
    DigitalService,
}
