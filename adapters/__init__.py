"""Everything that touches the outside world: channels, stores, queues, backends."""
