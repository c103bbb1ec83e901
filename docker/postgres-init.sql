-- One database per service: no service reads another's tables.
CREATE DATABASE laoke_members;
CREATE DATABASE laoke_loyalty;
CREATE DATABASE laoke_campaigns;
CREATE DATABASE laoke_notifications;
CREATE DATABASE laoke_gateway;
