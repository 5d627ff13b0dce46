-- OAuth 2.0 redirect URIs of an integrator, one per line (a URI holds no line break), matched exactly by signing-service.
alter table service_provider add column redirect_uris text not null default '';
