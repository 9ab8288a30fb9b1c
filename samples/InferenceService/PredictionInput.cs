namespace Neuroslyn.Samples.InferenceService;

/// <summary>What a request to POST /predict gave: the network's input, or a sentence for the answer and its status.</summary>
internal readonly record struct PredictionInput(float[]? Pixels, string? Problem, int StatusCode)
{
    public static PredictionInput Read(float[] pixels) => new(pixels, null, 200);

    /// <summary>The request is wrong: 400, and the sentence says what to send instead.</summary>
    public static PredictionInput Bad(string problem) => new(null, problem, 400);

    /// <summary>The request is right but the service is busy: 503, to be sent again after Retry-After.</summary>
    public static PredictionInput Busy(string problem) => new(null, problem, 503);

    public static PredictionInput From((float[]? Pixels, string? Problem) parsed)
        => parsed.Pixels is { } pixels ? Read(pixels) : Bad(parsed.Problem!);
}
