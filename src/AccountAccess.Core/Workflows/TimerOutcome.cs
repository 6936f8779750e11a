namespace AccountAccess.Core.Workflows;

/// <summary>What became of a delivered durable timer.</summary>
public enum TimerOutcome
{
    /// <summary>The step ran and the instance moved on.</summary>
    Ran,

    /// <summary>Set by a step that is no longer current (or for an instance that ended): ignored.</summary>
    Dropped,

    /// <summary>Not due yet (a wait longer than a queue message can last): sent again for the remaining time.</summary>
    Rescheduled,

    /// <summary>Another delivery of the same step is running it: try again later.</summary>
    Busy,
}
