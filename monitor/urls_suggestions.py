"""The suggestions pages of the monitor, under /o/<slug>/monitor/ (namespace "monitor")."""

urlpatterns = []
