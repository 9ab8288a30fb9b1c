namespace Neuroslyn.Samples.InferenceService.Imaging;

/// <summary>A decoded image as 8-bit luminance, row by row (0 = black, 255 = white); <see cref="Pixels"/> may be longer than width × height.</summary>
internal sealed record GreyImage(int Width, int Height, byte[] Pixels);
