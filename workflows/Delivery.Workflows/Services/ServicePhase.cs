using System.Text.Json.Serialization;

namespace Delivery.Workflows.Services;

/// <summary>The agile phases of a digital service, in order; Beta is private, then public.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ServicePhase>))]
public enum ServicePhase
{
    Discovery,
    Alpha,
    PrivateBeta,
    PublicBeta,
    Live,
    Retirement,
}

/// <summary>Whether the service goes on through its phases, stopped early, or was retired.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ServiceStatus>))]
public enum ServiceStatus
{
    Active,
    Stopped,
    Retired,
}

/// <summary>Words and order of the phases.</summary>
public static class ServicePhases
{
    /// <summary>The phase after this one, or null after Retirement.</summary>
    public static ServicePhase? Next(this ServicePhase phase) => phase == ServicePhase.Retirement ? null : phase + 1;

    public static string Title(this ServicePhase phase) => phase switch
    {
        ServicePhase.PrivateBeta => "Private beta",
        ServicePhase.PublicBeta => "Public beta",
        _ => phase.ToString(),
    };

    /// <summary>A service may stop ("we learned not to build it") only while it is finding out: in Discovery or Alpha.</summary>
    public static bool MayStop(this ServicePhase phase) => phase is ServicePhase.Discovery or ServicePhase.Alpha;
}
