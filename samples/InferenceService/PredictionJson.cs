using System.Text.Json;
using System.Text.Json.Serialization;

namespace Neuroslyn.Samples.InferenceService;

/// <summary>The JSON body of POST /predict.</summary>
internal sealed record PixelsBody(float[]? Pixels);

/// <summary>One class and its probability.</summary>
internal sealed record ClassProbability(string Class, float Probability);

/// <summary>The answer of POST /predict.</summary>
internal sealed record Prediction(string Predicted, int ClassIndex, ClassProbability[] Probabilities);

/// <summary>JSON for the endpoint, generated at compile time (no reflection, so Native AOT keeps what it needs).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(PixelsBody))]
[JsonSerializable(typeof(Prediction))]
internal sealed partial class PredictionJson : JsonSerializerContext;
