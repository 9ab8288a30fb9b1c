using System;

namespace Neuroslyn.Samples.InferenceService.Imaging;

/// <summary>The bytes are not an image the service can decode; the message says what is wrong, for a 400 answer.</summary>
internal sealed class ImageException(string message) : Exception(message);
