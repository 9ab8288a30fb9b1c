using Neuroslyn.Generator.Helpers;

namespace Neuroslyn.Generator.Model;

/// <summary>
/// One tensor a layer owns, as a weight file and PyTorch name it: the generated <c>Tensors</c> list is made of these.
/// </summary>
/// <param name="Name">PyTorch state_dict name: the layer's prefix, a dot, the tensor's own name (<c>0.weight</c>).</param>
/// <param name="Role">The runtime's <c>TensorRole</c> member, by name.</param>
/// <param name="Offset">Offset into the parameters, the buffers, or the index of a batch counter.</param>
/// <param name="Shape">PyTorch's shape: <c>[out, in]</c>, <c>[out, in/groups, kh, kw]</c>, <c>[]</c> for a counter.</param>
/// <param name="StorageOrder">
/// How the network stores it, as a permutation of PyTorch's axes: stored axis i is PyTorch's axis
/// <c>StorageOrder[i]</c> (<c>[1, 0]</c> for a dense weight kept input-major); empty when stored in PyTorch's order.
/// </param>
internal sealed record TensorSpec(string Name, string Role, int Offset, EquatableArray<int> Shape, EquatableArray<int> StorageOrder);
