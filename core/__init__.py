"""The domain of Dangol: messages, conversations, understanding and the ports to the outside."""
