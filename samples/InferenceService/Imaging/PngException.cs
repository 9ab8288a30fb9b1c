using System;

namespace Neuroslyn.Samples.InferenceService.Imaging;

/// <summary>The bytes are not a PNG this decoder reads; the message says what is wrong, for a 400 answer.</summary>
internal sealed class PngException(string message) : Exception(message);
