/** Thrown by every use of this stand-in: Parlons does not support end-to-end encryption. */
export declare class EncryptionNotSupportedError extends Error {}
export declare class OlmMachine { private constructor(); }
export declare class UserId { private constructor(); }
export declare class DeviceId { private constructor(); }
export declare class RoomId { private constructor(); }
export declare class DeviceLists { private constructor(); }
export declare class Attachment { private constructor(); }
export declare class EncryptedAttachment { private constructor(); }
export declare class EncryptionSettings { private constructor(); }
export declare const enum StoreType { Sled = 0, Sqlite = 1 }
