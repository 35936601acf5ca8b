"""micrograd, as gradviz provides it when no micrograd of the script's own or installed is found.

``micrograd.engine.Value`` is gradviz's engine in micrograd's flavour (micrograd's repr and
graph shapes); ``micrograd.nn`` is micrograd 0.1.0's Module, Neuron, Layer and MLP.
"""
